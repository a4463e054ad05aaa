/* stdio beyond printf: fopen modes, fgets/fputs/fgetc/ungetc, fread/fwrite
 * of binary records, fseek/ftell/rewind, feof/ferror, setvbuf modes,
 * tmpfile, fmemopen, open_memstream, getline/getdelim, freopen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rec {
	int id;
	double value;
	char tag[8];
};

int main(void)
{
	char path[] = "ferry-stdio-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	FILE *f = fopen(path, "w");
	fputs("line one\n", f);
	fprintf(f, "line %s\n", "two");
	fputc('3', f);
	fputs("\nlast line without newline", f);
	fclose(f);
	f = fopen(path, "r");
	char buf[64];
	int n = 0;
	while (fgets(buf, sizeof buf, f))
		printf("fgets %d: [%s]\n", ++n, strtok(buf, "\n"));
	printf("feof %d ferror %d\n", feof(f) != 0, ferror(f) != 0);
	rewind(f);
	int c = fgetc(f);
	ungetc('L', f);
	int c2 = fgetc(f);
	printf("fgetc %c, after ungetc: %c, ftell %ld\n", c, c2, ftell(f));
	fseek(f, -9, SEEK_END);
	printf("fseek from end: %s\n", fgets(buf, sizeof buf, f));
	fclose(f);
	f = fopen(path, "a+");
	fputs("\nappended", f);
	fseek(f, 0, SEEK_SET);
	size_t total = fread(buf, 1, sizeof buf - 1, f);
	buf[total] = 0;
	printf("a+ read back %zu bytes, ends with '%s'\n", total, buf + total - 8);
	fclose(f);
	/* binary records */
	f = fopen(path, "wb+");
	struct rec out[5], in[5];
	for (int i = 0; i < 5; i++) {
		out[i].id = i * 11;
		out[i].value = i / 4.0;
		snprintf(out[i].tag, sizeof out[i].tag, "r%d", i);
	}
	printf("fwrite %zu\n", fwrite(out, sizeof out[0], 5, f));
	fseek(f, 2 * (long)sizeof(struct rec), SEEK_SET);
	size_t got = fread(in, sizeof in[0], 1, f);
	printf("fread %zu: id %d value %g tag %s\n", got, in[0].id, in[0].value, in[0].tag);
	rewind(f);
	got = fread(in, sizeof in[0], 10, f);
	printf("fread all %zu, equal %d\n", got, memcmp(in, out, sizeof out) == 0);
	printf("short read sets eof %d\n", feof(f) != 0);
	fclose(f);
	/* freopen stdin from the file */
	f = fopen(path, "w");
	fputs("42 words here\n", f);
	fclose(f);
	if (freopen(path, "r", stdin)) {
		int v;
		char w[16];
		int r = scanf("%d %15s", &v, w);
		printf("scanf from freopen'd stdin: %d %d %s\n", r, v, w);
	}
	unlink(path);
	/* memory streams */
	char mem[32] = "alpha beta\ngamma";
	FILE *m = fmemopen(mem, strlen(mem), "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, m)) > 0)
		printf("getline %zd: %s%s", len, line, line[len - 1] == '\n' ? "" : "\n");
	fclose(m);
	m = fmemopen(mem, strlen(mem), "r");
	while ((len = getdelim(&line, &cap, ' ', m)) > 0)
		printf("getdelim %zd: [%s]\n", len, line);
	fclose(m);
	free(line);
	char *dyn = NULL;
	size_t dlen = 0;
	FILE *ms = open_memstream(&dyn, &dlen);
	for (int i = 0; i < 100; i++)
		fprintf(ms, "%d,", i);
	fclose(ms);
	printf("open_memstream %zu bytes, tail %s\n", dlen, dyn + dlen - 6);
	free(dyn);
	/* tmpfile and buffering modes */
	FILE *t = tmpfile();
	static char vbuf[16];
	setvbuf(t, vbuf, _IOFBF, sizeof vbuf);
	for (int i = 0; i < 50; i++)
		fprintf(t, "%02d", i);
	rewind(t);
	int sum = 0, v;
	while (fscanf(t, "%2d", &v) == 1)
		sum += v;
	printf("tmpfile sum %d\n", sum);
	fclose(t);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("line buffered stdout\n");
	/* writing to a read-only stream fails */
	m = fmemopen(mem, sizeof mem, "r");
	int r = fputc('x', m);
	printf("fputc on read-only: %d ferror %d\n", r, ferror(m) != 0);
	fclose(m);
	return 0;
}
