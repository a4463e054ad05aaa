// C++ object model: virtual dispatch through vtables, pure virtual
// interfaces, multiple and virtual inheritance (this-pointer adjustment
// thunks), dynamic_cast up/down/sideways, typeid, virtual destructors, and
// member function pointers.
#include <cstdio>
#include <memory>
#include <typeinfo>
#include <vector>

struct Shape {
	virtual ~Shape() { std::printf("  ~Shape\n"); }
	virtual double area() const = 0;
	virtual const char *name() const { return "shape"; }
	double scaled(double k) const { return area() * k; }
};
struct Rect : Shape {
	double w, h;
	Rect(double w_, double h_) : w(w_), h(h_) {}
	~Rect() override { std::printf("  ~Rect\n"); }
	double area() const override { return w * h; }
	const char *name() const override { return "rect"; }
};
struct Square final : Rect {
	explicit Square(double s) : Rect(s, s) {}
	~Square() override { std::printf("  ~Square\n"); }
	const char *name() const override { return "square"; }
};
struct Circle : Shape {
	double r;
	explicit Circle(double r_) : r(r_) {}
	double area() const override { return 3.0 * r * r; }
};

struct Named {
	virtual ~Named() = default;
	virtual const char *label() const = 0;
	int tag = 7;
};
struct Widget : Shape, Named { // multiple inheritance: Named is at an offset
	double area() const override { return 1.5; }
	const char *label() const override { return "widget"; }
};

struct Base {
	int b = 1;
	virtual int id() const { return b; }
	virtual ~Base() = default;
};
struct Left : virtual Base {
	int l = 10;
	int id() const override { return l + b; }
};
struct Right : virtual Base {
	int r = 100;
};
struct Diamond : Left, Right {
	int d = 1000;
	int id() const override { return d + l + r + b; }
};

int main()
{
	std::vector<std::unique_ptr<Shape>> shapes;
	shapes.emplace_back(new Rect(2, 3));
	shapes.emplace_back(new Square(4));
	shapes.emplace_back(new Circle(1.5));
	shapes.emplace_back(new Widget);
	double total = 0;
	for (auto &s : shapes) {
		std::printf("%s area %g scaled %g\n", s->name(), s->area(), s->scaled(2));
		total += s->area();
	}
	std::printf("total %g\n", total);
	for (auto &s : shapes) {
		Rect *r = dynamic_cast<Rect *>(s.get());
		Named *n = dynamic_cast<Named *>(s.get()); // sideways cast
		std::printf("dynamic_cast: rect %d named %s square %d\n", r != nullptr, n ? n->label() : "-",
			    dynamic_cast<Square *>(s.get()) != nullptr);
	}
	Widget w;
	Named *nw = &w;
	Shape *sw = &w;
	std::printf("this adjustment: Named* != Shape* as addresses %d, back to Widget same %d, tag %d\n",
		    (void *)nw != (void *)sw, dynamic_cast<Widget *>(nw) == &w, nw->tag);
	std::printf("typeid: %d %d %s\n", typeid(*shapes[1]) == typeid(Square), typeid(*shapes[0]) == typeid(Square),
		    typeid(Square).name());
	Diamond dm;
	Base *bp = &dm;
	Left *lp = &dm;
	Right *rp = &dm;
	std::printf("diamond via Base %d via Left %d via Right->Base %d, one Base %d\n", bp->id(), lp->id(),
		    static_cast<Base *>(rp)->id(), static_cast<Base *>(lp) == static_cast<Base *>(rp));
	std::printf("down from virtual base: %d\n", dynamic_cast<Diamond *>(bp) == &dm);
	double (Shape::*pm)() const = &Shape::area;
	const char *(Shape::*pn)() const = &Shape::name;
	for (auto &s : shapes)
		std::printf("member pointers: %s %g\n", (s.get()->*pn)(), (s.get()->*pm)());
	int Diamond::*pd = &Diamond::d;
	dm.*pd = 5;
	std::printf("data member pointer: %d\n", dm.id());
	std::printf("destroying:\n");
	shapes.clear();
	try {
		Shape &ref = *new Circle(1);
		Rect &bad = dynamic_cast<Rect &>(ref);
		(void)bad;
	} catch (const std::bad_cast &) {
		std::printf("bad_cast caught\n");
	}
	return 0;
}
