// C++ with the standard library: counts the words of its arguments.
#include <iostream>
#include <map>
#include <string>

int main(int argc, char **argv)
{
	std::map<std::string, int> count;
	for (int i = 1; i < argc; i++)
		count[argv[i]]++;
	for (const auto &kv : count)
		std::cout << kv.first << " " << kv.second << "\n";
	return 0;
}
