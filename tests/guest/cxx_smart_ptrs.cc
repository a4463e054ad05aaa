// Smart pointers and object lifetimes: unique_ptr ownership transfer and
// custom deleters, shared_ptr use counts (atomic inc/dec), weak_ptr expiry,
// enable_shared_from_this, containers of owners, and the exact order of
// destructor calls.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

struct Noisy {
	std::string name;
	explicit Noisy(std::string n) : name(std::move(n)) { std::printf("  + %s\n", name.c_str()); }
	~Noisy() { std::printf("  - %s\n", name.c_str()); }
};

struct Node : std::enable_shared_from_this<Node> {
	int value;
	std::vector<std::shared_ptr<Node>> children;
	std::weak_ptr<Node> parent;
	explicit Node(int v) : value(v) {}
	~Node() { std::printf("  node %d freed\n", value); }
	void add(std::shared_ptr<Node> c)
	{
		c->parent = shared_from_this();
		children.push_back(std::move(c));
	}
	int sum() const
	{
		int s = value;
		for (auto &c : children)
			s += c->sum();
		return s;
	}
};

int main()
{
	std::printf("unique_ptr:\n");
	{
		auto a = std::make_unique<Noisy>("a");
		std::unique_ptr<Noisy> b = std::move(a);
		std::printf("  a empty %d, b is %s\n", a == nullptr, b->name.c_str());
		b.reset(new Noisy("c"));
		std::printf("  end of scope\n");
	}
	std::printf("custom deleter:\n");
	{
		auto del = [](Noisy *p) {
			std::printf("  deleter for %s\n", p->name.c_str());
			delete p;
		};
		std::unique_ptr<Noisy, decltype(del)> d(new Noisy("d"), del);
	}
	std::printf("shared_ptr:\n");
	std::weak_ptr<Noisy> watcher;
	{
		auto s1 = std::make_shared<Noisy>("s");
		watcher = s1;
		std::printf("  count %ld\n", s1.use_count());
		{
			auto s2 = s1;
			std::vector<std::shared_ptr<Noisy>> many(100, s1);
			std::printf("  count %ld\n", s1.use_count());
		}
		std::printf("  count %ld expired %d\n", s1.use_count(), watcher.expired());
		auto locked = watcher.lock();
		std::printf("  locked %s count %ld\n", locked->name.c_str(), s1.use_count());
	}
	std::printf("  expired %d lock null %d\n", watcher.expired(), watcher.lock() == nullptr);
	std::printf("tree:\n");
	{
		auto root = std::make_shared<Node>(1);
		for (int i = 2; i <= 4; i++) {
			auto c = std::make_shared<Node>(i);
			root->add(c);
			c->add(std::make_shared<Node>(i * 10));
		}
		auto leaf = root->children[1]->children[0];
		std::printf("  sum %d leaf %d parent %d grandparent %d\n", root->sum(), leaf->value, leaf->parent.lock()->value,
			    leaf->parent.lock()->parent.lock()->value);
		std::printf("  root count %ld (weak parents do not count)\n", root.use_count());
	}
	std::printf("vector of unique_ptr:\n");
	{
		std::vector<std::unique_ptr<Noisy>> v;
		for (int i = 0; i < 3; i++)
			v.push_back(std::make_unique<Noisy>("v" + std::to_string(i)));
		v.erase(v.begin() + 1);
		std::printf("  erased the middle one\n");
	}
	std::printf("done\n");
	return 0;
}
