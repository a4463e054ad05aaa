// Templates and lambdas: function and class templates, variadic templates
// and fold expressions, constexpr evaluation, std::function holding
// lambdas with captures (by value, by reference, mutable, generic),
// recursion through std::function, std::optional/variant/tuple.
#include <array>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

template <typename T> T maxof(T a, T b) { return a > b ? a : b; }

template <typename... Args> auto sum(Args... args) { return (args + ... + 0); }

template <typename... Args> void print_all(const Args &...args)
{
	((std::printf("[%s]", std::to_string(args).c_str())), ...);
	std::printf("\n");
}

template <typename T, size_t N> struct Ring {
	std::array<T, N> data{};
	size_t head = 0, count = 0;
	void push(T v)
	{
		data[(head + count) % N] = v;
		if (count < N)
			count++;
		else
			head = (head + 1) % N;
	}
	T total() const
	{
		T t{};
		for (size_t i = 0; i < count; i++)
			t += data[(head + i) % N];
		return t;
	}
};

constexpr unsigned long long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static_assert(fib(20) == 6765, "constexpr fib");

template <unsigned N> struct Fact {
	static constexpr unsigned long long value = N * Fact<N - 1>::value;
};
template <> struct Fact<0> {
	static constexpr unsigned long long value = 1;
};

int main()
{
	std::printf("maxof %d %g %s\n", maxof(3, 9), maxof(2.5, -1.0), maxof(std::string("pear"), std::string("apple")).c_str());
	std::printf("sum %d %g\n", sum(1, 2, 3, 4), sum(0.5, 0.25, 2));
	print_all(1, 2.5, 3L);
	Ring<int, 4> ring;
	for (int i = 1; i <= 10; i++)
		ring.push(i * i);
	std::printf("ring total %d\n", ring.total());
	constexpr unsigned long long fib40 = fib(40); /* evaluated by the compiler, even at -O0 */
	std::printf("constexpr fib(40) %llu Fact<20> %llu\n", fib40, Fact<20>::value);

	int counter = 0;
	auto by_ref = [&counter](int k) { counter += k; };
	auto by_val = [counter]() { return counter * 10; };
	for (int i = 0; i < 5; i++)
		by_ref(i);
	std::printf("counter %d by_val (captured 0) %d\n", counter, by_val());
	auto gen = [n = 0]() mutable { return ++n; };
	gen();
	gen();
	std::printf("mutable lambda %d\n", gen());
	auto generic = [](auto a, auto b) { return a * b; };
	std::printf("generic %d %g\n", generic(6, 7), generic(1.5, 4.0));
	std::vector<std::function<long(long)>> ops = { [](long x) { return x + 1; }, [](long x) { return x * x; },
						       [k = 3](long x) { return x - k; } };
	long v = 2;
	for (int round = 0; round < 3; round++)
		for (auto &op : ops)
			v = op(v);
	std::printf("function chain %ld\n", v);
	std::function<long(int)> fact = [&](int n) -> long { return n <= 1 ? 1 : n * fact(n - 1); };
	std::printf("recursive std::function %ld\n", fact(15));
	std::map<std::string, std::function<double(double, double)>> calc = {
		{ "add", std::plus<double>() }, { "mul", std::multiplies<double>() }, { "pow2", [](double a, double) { return a * a; } }
	};
	for (auto &kv : calc)
		std::printf("calc %s %g\n", kv.first.c_str(), kv.second(3, 4));
	std::vector<int> nums(20);
	std::iota(nums.begin(), nums.end(), 1);
	int evens = std::accumulate(nums.begin(), nums.end(), 0, [](int acc, int x) { return x % 2 ? acc : acc + x; });
	std::printf("sum of evens %d\n", evens);

	std::optional<int> none, some = 5;
	std::printf("optional %d %d %d\n", none.has_value(), some.value_or(-1), none.value_or(-1));
	std::variant<int, double, std::string> var = 3.5;
	auto show = [](auto &&x) {
		using T = std::decay_t<decltype(x)>;
		if constexpr (std::is_same_v<T, int>)
			std::printf("variant int %d\n", x);
		else if constexpr (std::is_same_v<T, double>)
			std::printf("variant double %g\n", x);
		else
			std::printf("variant string %s\n", x.c_str());
	};
	std::visit(show, var);
	var = std::string("text");
	std::visit(show, var);
	var = 9;
	std::visit(show, var);
	auto tup = std::make_tuple(1, 2.5, std::string("three"));
	auto [i1, d2, s3] = tup;
	std::printf("tuple %d %g %s size %zu\n", i1, d2, s3.c_str(), std::tuple_size<decltype(tup)>::value);
	return 0;
}
