// STL containers and algorithms: vector, string, map, set, unordered_map
// (printed sorted: its order is not specified), deque, list,
// priority_queue, sort/stable_sort/unique/lower_bound/accumulate/partition,
// and the words of a text counted and ranked.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <list>
#include <map>
#include <numeric>
#include <queue>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

int main()
{
	std::vector<int> v;
	unsigned s = 1;
	for (int i = 0; i < 2000; i++) {
		s = s * 1664525u + 1013904223u;
		v.push_back((int)(s >> 20) - 2048);
	}
	std::vector<int> w = v;
	std::sort(w.begin(), w.end());
	std::printf("sorted: min %d max %d median %d is_sorted %d\n", w.front(), w.back(), w[w.size() / 2],
		    (int)std::is_sorted(w.begin(), w.end()));
	w.erase(std::unique(w.begin(), w.end()), w.end());
	std::printf("unique %zu, lower_bound(0) at %td, binary_search(5) %d\n", w.size(),
		    std::lower_bound(w.begin(), w.end(), 0) - w.begin(), (int)std::binary_search(w.begin(), w.end(), 5));
	long long sum = std::accumulate(v.begin(), v.end(), 0LL);
	auto mm = std::minmax_element(v.begin(), v.end());
	std::printf("sum %lld min %d max %d count(<0) %td\n", sum, *mm.first, *mm.second,
		    std::count_if(v.begin(), v.end(), [](int x) { return x < 0; }));
	std::vector<int> p = v;
	auto mid = std::stable_partition(p.begin(), p.end(), [](int x) { return x % 2 == 0; });
	std::printf("evens %td first odd %d\n", mid - p.begin(), *mid);
	std::reverse(p.begin(), p.end());
	std::rotate(p.begin(), p.begin() + 10, p.end());
	std::printf("after reverse+rotate front %d back %d\n", p.front(), p.back());
	std::nth_element(p.begin(), p.begin() + 100, p.end());
	std::printf("nth_element(100) %d (sorted says %d)\n", p[100], [&] {
		std::vector<int> q = v;
		std::sort(q.begin(), q.end());
		return q[100];
	}());

	std::string text = "the cat and the dog and the bird saw a cat while the dog slept and a bird sang";
	std::istringstream ts(text);
	std::map<std::string, int> freq;
	std::unordered_map<std::string, int> ufreq;
	std::string word;
	while (ts >> word) {
		freq[word]++;
		ufreq[word] += 2;
	}
	std::printf("map:");
	for (auto &kv : freq)
		std::printf(" %s=%d", kv.first.c_str(), kv.second);
	std::printf("\n");
	std::vector<std::pair<std::string, int>> uv(ufreq.begin(), ufreq.end());
	std::sort(uv.begin(), uv.end());
	std::printf("unordered_map sorted:");
	for (auto &kv : uv)
		std::printf(" %s=%d", kv.first.c_str(), kv.second);
	std::printf("\n");
	std::vector<std::pair<std::string, int>> ranked(freq.begin(), freq.end());
	std::stable_sort(ranked.begin(), ranked.end(), [](auto &a, auto &b) { return a.second > b.second; });
	std::printf("top3: %s %s %s\n", ranked[0].first.c_str(), ranked[1].first.c_str(), ranked[2].first.c_str());

	std::unordered_map<int, int> big;
	for (int i = 0; i < 50000; i++)
		big[i * 7919 % 100003] = i;
	long long chk = 0;
	for (int i = 0; i < 100003; i += 97) {
		auto it = big.find(i);
		if (it != big.end())
			chk += it->second;
	}
	size_t before = big.size(), erased = big.erase(7919);
	std::printf("unordered_map size %zu checksum %lld erase %zu size %zu\n", before, chk, erased, big.size());

	std::set<std::string> names{"zoe", "adam", "mia", "bob", "adam"};
	std::printf("set:");
	for (auto &n : names)
		std::printf(" %s", n.c_str());
	std::printf(" | count(mia) %zu\n", names.count("mia"));
	std::unordered_set<int> us{1, 2, 3, 2, 1};
	std::printf("unordered_set size %zu\n", us.size());
	std::multimap<int, std::string> mmap{{2, "b"}, {1, "a"}, {2, "c"}};
	std::printf("multimap count(2) %zu first %s\n", mmap.count(2), mmap.begin()->second.c_str());

	std::deque<int> dq;
	for (int i = 0; i < 10; i++) {
		if (i % 2)
			dq.push_front(i);
		else
			dq.push_back(i);
	}
	std::printf("deque:");
	for (int x : dq)
		std::printf(" %d", x);
	std::printf("\n");
	std::list<int> l{5, 3, 9, 1};
	l.sort();
	l.push_front(0);
	l.remove(9);
	std::printf("list:");
	for (int x : l)
		std::printf(" %d", x);
	std::printf("\n");
	std::priority_queue<int> pq;
	for (int x : {5, 1, 8, 3, 9, 2})
		pq.push(x);
	std::printf("priority_queue:");
	while (!pq.empty()) {
		std::printf(" %d", pq.top());
		pq.pop();
	}
	std::printf("\n");

	std::string str = "Hello, World";
	str += "!";
	str.insert(5, " there");
	std::string up = str;
	std::transform(up.begin(), up.end(), up.begin(), ::toupper);
	std::printf("string '%s' upper '%s' find %zu rfind %zu substr '%s' npos %d\n", str.c_str(), up.c_str(),
		    str.find("World"), str.rfind('o'), str.substr(7, 5).c_str(), str.find("xyz") == std::string::npos);
	std::printf("to_string %s %s stol %ld stod %g\n", std::to_string(-123).c_str(), std::to_string(2.5).c_str(),
		    std::stol("  -99x"), std::stod("1.5e3"));
	std::vector<std::string> parts;
	std::string csv = "a,bb,,ccc,";
	size_t pos = 0, next;
	while ((next = csv.find(',', pos)) != std::string::npos) {
		parts.push_back(csv.substr(pos, next - pos));
		pos = next + 1;
	}
	parts.push_back(csv.substr(pos));
	std::printf("split %zu:", parts.size());
	for (auto &x : parts)
		std::printf(" [%s]", x.c_str());
	std::printf("\n");
	return 0;
}
