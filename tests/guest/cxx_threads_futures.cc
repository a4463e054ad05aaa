// C++ concurrency: std::thread with a shared std::mutex, a
// condition_variable work queue, std::async (async and deferred),
// std::promise/future with a value and with an exception, packaged_task,
// std::atomic, and thread_local.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <thread>
#include <vector>

static thread_local int tl_calls = 0;

static long work(int n)
{
	tl_calls++;
	long s = 0;
	for (int i = 1; i <= n; i++)
		s += (long)i * i;
	return s + tl_calls - 1;
}

int main()
{
	std::mutex mu;
	long total = 0;
	std::vector<std::thread> ts;
	for (int t = 0; t < 8; t++)
		ts.emplace_back([&, t] {
			for (int i = 0; i < 10000; i++) {
				std::lock_guard<std::mutex> g(mu);
				total += t;
			}
		});
	for (auto &t : ts)
		t.join();
	std::printf("threads+mutex: total %ld\n", total);

	std::queue<int> q;
	std::condition_variable cv;
	bool done = false;
	std::atomic<long> sum{0};
	std::vector<std::thread> workers;
	for (int w = 0; w < 4; w++)
		workers.emplace_back([&] {
			std::unique_lock<std::mutex> lk(mu);
			for (;;) {
				cv.wait(lk, [&] { return !q.empty() || done; });
				if (q.empty())
					return;
				int v = q.front();
				q.pop();
				lk.unlock();
				sum += v;
				lk.lock();
			}
		});
	for (int i = 1; i <= 2000; i++) {
		{
			std::lock_guard<std::mutex> g(mu);
			q.push(i);
		}
		cv.notify_one();
	}
	{
		std::lock_guard<std::mutex> g(mu);
		done = true;
	}
	cv.notify_all();
	for (auto &w : workers)
		w.join();
	std::printf("condition_variable queue: sum %ld\n", sum.load());

	std::vector<std::future<long>> fs;
	for (int i = 1; i <= 6; i++)
		fs.push_back(std::async(i % 2 ? std::launch::async : std::launch::deferred, work, i * 100));
	std::printf("async:");
	for (auto &f : fs)
		std::printf(" %ld", f.get());
	std::printf("\n");

	std::promise<int> p;
	std::future<int> pf = p.get_future();
	std::thread setter([&] { p.set_value(42); });
	std::printf("promise: %d\n", pf.get());
	setter.join();

	std::promise<int> bad;
	std::future<int> bf = bad.get_future();
	std::thread thrower([&] {
		try {
			throw std::runtime_error("from another thread");
		} catch (...) {
			bad.set_exception(std::current_exception());
		}
	});
	try {
		bf.get();
	} catch (const std::exception &e) {
		std::printf("future exception: %s\n", e.what());
	}
	thrower.join();

	std::packaged_task<long(int)> task(work);
	std::future<long> tf = task.get_future();
	std::thread runner(std::move(task), 10);
	runner.join();
	std::printf("packaged_task: %ld, main's thread_local calls %d\n", tf.get(), tl_calls);
	return 0;
}
