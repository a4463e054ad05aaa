// iostreams: formatting flags and manipulators on cout, stringstream
// parsing, reading numbers and lines from cin (tests/guest/cxx_iostream.stdin),
// getline, and stream states on bad input.
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main()
{
	std::cout << "int " << 42 << " neg " << -17 << " long " << 1234567890123LL << '\n';
	std::cout << std::hex << 255 << ' ' << std::showbase << 255 << ' ' << std::uppercase << 255 << std::dec
		  << std::nouppercase << std::noshowbase << ' ' << std::oct << 8 << std::dec << '\n';
	std::cout << std::setw(8) << 42 << '|' << std::left << std::setw(8) << 42 << '|' << std::right
		  << std::setfill('0') << std::setw(8) << -42 << std::setfill(' ') << '|' << std::internal
		  << std::setw(8) << -42 << std::right << "|\n";
	std::cout << 3.14159265358979 << ' ' << std::setprecision(3) << 3.14159265358979 << ' ' << std::fixed
		  << 3.14159265358979 << ' ' << std::scientific << 31415.9265 << std::defaultfloat
		  << std::setprecision(6) << '\n';
	std::cout << std::boolalpha << true << ' ' << false << std::noboolalpha << ' ' << true << '\n';
	std::cout << std::showpos << 5 << ' ' << 0 << std::noshowpos << ' ' << std::showpoint << 2.0
		  << std::noshowpoint << ' ' << 2.0 << '\n';
	std::cout << 1e100 << ' ' << 1e-5 << ' ' << 0.1f << ' ' << 100000.0 << ' ' << 1000000.0 << '\n';
	std::cout << std::hexfloat << 0.5 << std::defaultfloat << '\n';

	std::istringstream in("10 20.5 word 0x1f -3");
	int a, h, neg;
	double d;
	std::string w;
	in >> a >> d >> w >> std::hex >> h >> std::dec >> neg;
	std::cout << "parsed " << a << ' ' << d << ' ' << w << ' ' << h << ' ' << neg << " good " << in.good()
		  << " eof " << in.eof() << '\n';
	std::istringstream bad("12abc");
	int x = -1;
	std::string rest;
	bad >> x >> rest;
	std::cout << "partial " << x << " rest " << rest << '\n';
	std::istringstream fail("abc");
	fail >> x;
	std::cout << "fail " << fail.fail() << " value " << x << '\n';
	std::ostringstream os;
	os << std::setw(5) << std::setfill('*') << 7 << "|" << std::fixed << std::setprecision(2) << 1.005;
	std::cout << "ostringstream '" << os.str() << "'\n";

	// stdin: a count, that many numbers, then lines of text
	int n;
	std::cin >> n;
	long long sum = 0;
	std::vector<long long> v;
	for (int i = 0; i < n; i++) {
		long long t;
		std::cin >> t;
		v.push_back(t);
		sum += t;
	}
	std::cout << "read " << v.size() << " numbers, sum " << sum << '\n';
	std::string line;
	std::getline(std::cin, line); // rest of the numbers line
	int lines = 0;
	while (std::getline(std::cin, line)) {
		lines++;
		std::istringstream ls(line);
		std::string word;
		int words = 0;
		while (ls >> word)
			words++;
		std::cout << "line " << lines << ": " << words << " words, " << line.size() << " chars: " << line << '\n';
	}
	std::cout << "eof " << std::cin.eof() << std::endl;
	std::cerr << "this goes to stderr, which is not compared\n";
	return 0;
}
