// C++ exceptions: thrown across several frames (the unwinder reads
// .eh_frame and restores callee-saved registers), caught by base class,
// rethrown, nested try blocks, destructors run during unwinding in order,
// std::exception::what(), exceptions from constructors and standard
// library calls, and noexcept/std::terminate avoided.
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct Tracer {
	std::string name;
	explicit Tracer(std::string n) : name(std::move(n)) { std::printf("  ctor %s\n", name.c_str()); }
	~Tracer() { std::printf("  dtor %s\n", name.c_str()); }
};

struct MyError : std::runtime_error {
	int code;
	MyError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};
struct Derived : MyError {
	Derived() : MyError("derived error", 7) {}
};

static int depth_sum;

[[gnu::noinline]] static void thrower(int depth, int kind)
{
	Tracer t("frame" + std::to_string(depth));
	// Keep values in callee-saved registers across the calls.
	long a = depth * 3, b = depth * 5;
	double f = depth * 0.5;
	if (depth == 0) {
		switch (kind) {
		case 0: throw MyError("my error", 42);
		case 1: throw Derived();
		case 2: throw 17;
		case 3: throw std::string("a string");
		case 4: throw std::out_of_range("range");
		}
	}
	thrower(depth - 1, kind);
	depth_sum += (int)(a + b + f);
}

struct Throws {
	Tracer member{"member"};
	Throws() { throw std::logic_error("constructor failed"); }
};

int main()
{
	for (int kind = 0; kind < 5; kind++) {
		std::printf("kind %d:\n", kind);
		try {
			thrower(3, kind);
		} catch (const Derived &e) {
			std::printf("caught Derived: %s code %d\n", e.what(), e.code);
		} catch (const MyError &e) {
			std::printf("caught MyError: %s code %d\n", e.what(), e.code);
		} catch (const std::exception &e) {
			std::printf("caught std::exception: %s\n", e.what());
		} catch (int v) {
			std::printf("caught int %d\n", v);
		} catch (...) {
			std::printf("caught something else\n");
		}
	}
	// rethrow, and catch by base of a rethrown derived
	try {
		try {
			thrower(2, 1);
		} catch (MyError &e) {
			std::printf("inner caught %s, rethrowing\n", e.what());
			e.code++;
			throw;
		}
	} catch (const std::runtime_error &e) {
		std::printf("outer caught runtime_error %s code %d\n", e.what(), dynamic_cast<const MyError &>(e).code);
	}
	// std::exception_ptr across a boundary
	std::exception_ptr ep;
	try {
		throw std::invalid_argument("stored");
	} catch (...) {
		ep = std::current_exception();
	}
	try {
		std::rethrow_exception(ep);
	} catch (const std::invalid_argument &e) {
		std::printf("rethrown exception_ptr: %s\n", e.what());
	}
	// constructor throwing: the built member is destroyed
	try {
		Throws t;
	} catch (const std::logic_error &e) {
		std::printf("constructor threw: %s\n", e.what());
	}
	// the standard library throws
	try {
		std::vector<int> v(3);
		v.at(10) = 1;
	} catch (const std::out_of_range &) {
		std::printf("vector::at threw out_of_range\n");
	}
	try {
		std::map<std::string, int> m;
		m.at("missing");
	} catch (const std::out_of_range &) {
		std::printf("map::at threw out_of_range\n");
	}
	try {
		std::stoi("not a number");
	} catch (const std::invalid_argument &) {
		std::printf("stoi threw invalid_argument\n");
	}
	// nested: throw during handling of another, both caught
	try {
		try {
			throw 1;
		} catch (int) {
			try {
				throw 2.5;
			} catch (double d) {
				std::printf("nested caught %g while handling an int\n", d);
			}
			throw std::string("after nested");
		}
	} catch (const std::string &s) {
		std::printf("caught %s\n", s.c_str());
	}
	// many throws: the unwinder's caches
	int caught = 0;
	for (int i = 0; i < 2000; i++) {
		try {
			if (i % 3 == 0)
				throw i;
			throw std::runtime_error("x");
		} catch (int) {
			caught++;
		} catch (const std::exception &) {
			caught += 2;
		}
	}
	std::printf("loop caught %d, depth_sum %d\n", caught, depth_sum);
	std::unique_ptr<Tracer> up(new Tracer("heap"));
	return 0;
}
