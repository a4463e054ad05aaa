// Static initialisation and teardown: global constructors run before main
// in definition order within a file, function-local statics are built on
// first use (once, guarded), destructors run after main in reverse order,
// interleaved with atexit handlers by registration order; constinit data
// needs no code.  (Exit-time output goes to stdout, which is compared.)
#include <cstdio>
#include <cstdlib>
#include <string>

struct Global {
	const char *name;
	explicit Global(const char *n) : name(n) { std::printf("construct %s\n", name); }
	~Global() { std::printf("destroy %s\n", name); }
};

static int init_order = 0;
static int next_order() { return ++init_order; }
static const int first_value = next_order();
static Global g1("g1");
static const int second_value = next_order();
static Global g2("g2");
static std::string global_string = "initialised " + std::to_string(first_value) + "," + std::to_string(second_value);
constexpr int table[4] = { 1, 1, 2, 3 };

static Global &lazy()
{
	static Global instance("lazy");
	return instance;
}

static void at_exit_handler() { std::printf("atexit handler\n"); }

int main()
{
	std::printf("main starts: %s, table sum %d\n", global_string.c_str(), table[0] + table[1] + table[2] + table[3]);
	std::atexit(at_exit_handler);
	std::printf("first use of lazy: %s\n", lazy().name);
	std::printf("second use of lazy: %s\n", lazy().name);
	static Global local_static("main-local");
	std::printf("main returns\n");
	return 0;
}
