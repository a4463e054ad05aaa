/* The remote serial protocol's framing (gdb manual, "Overview" of "Remote
 * Protocol"): $payload#checksum, acknowledged with + / - until
 * QStartNoAckMode, '}' escapes (byte ^ 0x20) for $ # } *, and a bare 0x03
 * byte for Ctrl-C while the target runs. */
#include "gdb_internal.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

/* Next input byte, blocking; -1 at EOF. */
static int get_byte(struct rsp *r)
{
	if (r->in_pos == r->in_len) {
		ssize_t n;
		do
			n = read(r->fd, r->in, sizeof(r->in));
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			return -1;
		r->in_len = (size_t)n;
		r->in_pos = 0;
	}
	return r->in[r->in_pos++];
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t k = write(fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int rsp_read_packet(struct rsp *r, char *buf, size_t cap)
{
	for (;;) {
		int c = get_byte(r);
		if (c < 0)
			return RSP_EOF;
		if (c == 0x03)
			return RSP_INTERRUPT;
		if (c != '$')
			continue; /* acks of our packets, noise */
		size_t len = 0;
		uint8_t sum = 0;
		bool esc = false, overflow = false;
		while ((c = get_byte(r)) >= 0 && c != '#') {
			sum = (uint8_t)(sum + c);
			if (esc) {
				c ^= 0x20;
				esc = false;
			} else if (c == '}') {
				esc = true;
				continue;
			}
			if (len + 1 < cap)
				buf[len++] = (char)c;
			else
				overflow = true;
		}
		int h = c < 0 ? -1 : get_byte(r), l = h < 0 ? -1 : get_byte(r);
		if (l < 0)
			return RSP_EOF;
		buf[len] = 0;
		bool ok = !overflow && hexval(h) >= 0 && hexval(l) >= 0 && (hexval(h) << 4 | hexval(l)) == sum;
		if (!r->noack && write_all(r->fd, ok ? "+" : "-", 1) < 0)
			return RSP_EOF;
		if (ok || r->noack)
			return (int)len;
	}
}

bool rsp_pending(const struct rsp *r)
{
	if (r->in_pos < r->in_len)
		return true;
	struct pollfd p = {.fd = r->fd, .events = POLLIN};
	return poll(&p, 1, 0) > 0;
}

bool rsp_poll_interrupt(struct rsp *r, bool *eof)
{
	*eof = false;
	while (rsp_pending(r)) {
		int c = get_byte(r);
		if (c < 0) {
			*eof = true;
			return false;
		}
		if (c == 0x03)
			return true;
	}
	return false;
}

static int send_frame(struct rsp *r, const void *data, size_t len, bool wait_ack)
{
	static const char hex[] = "0123456789abcdef";
	/* Escaping at most doubles the payload. */
	static char frame[2 * RSP_MAX + 8];
	const uint8_t *d = data;
	size_t n = 0;
	uint8_t sum = 0;
	frame[n++] = '$';
	for (size_t i = 0; i < len && n < sizeof(frame) - 4; i++) {
		uint8_t c = d[i];
		if (c == '$' || c == '#' || c == '}' || c == '*') {
			frame[n++] = '}';
			sum = (uint8_t)(sum + '}');
			c ^= 0x20;
		}
		frame[n++] = (char)c;
		sum = (uint8_t)(sum + c);
	}
	frame[n++] = '#';
	frame[n++] = hex[sum >> 4];
	frame[n++] = hex[sum & 15];
	for (int tries = 0; tries < 8; tries++) {
		if (write_all(r->fd, frame, n) < 0)
			return -1;
		if (!wait_ack || r->noack)
			return 0;
		int c;
		while ((c = get_byte(r)) >= 0 && c != '+' && c != '-') {
		}
		if (c < 0)
			return -1;
		if (c == '+')
			return 0;
	}
	return -1;
}

int rsp_send(struct rsp *r, const void *data, size_t len)
{
	pthread_mutex_lock(&r->out_lock);
	int ret = send_frame(r, data, len, true);
	pthread_mutex_unlock(&r->out_lock);
	return ret;
}

int rsp_send_str(struct rsp *r, const char *s) { return rsp_send(r, s, strlen(s)); }

void rsp_send_final(struct rsp *r, const char *s)
{
	pthread_mutex_lock(&r->out_lock);
	send_frame(r, s, strlen(s), false);
	pthread_mutex_unlock(&r->out_lock);
}

size_t hex_encode(char *out, const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *d = data;
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * len] = 0;
	return 2 * len;
}

size_t hex_decode(void *out, const char *in, size_t len)
{
	uint8_t *o = out;
	size_t i;
	for (i = 0; i < len; i++) {
		int h = hexval((unsigned char)in[2 * i]);
		int l = h < 0 ? -1 : hexval((unsigned char)in[2 * i + 1]);
		if (l < 0)
			break;
		o[i] = (uint8_t)(h << 4 | l);
	}
	return i;
}

bool hex_number(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int d;
	while ((d = hexval((unsigned char)*s)) >= 0) {
		x = x << 4 | (uint64_t)d;
		s++;
	}
	if (s == *p)
		return false;
	*v = x;
	*p = s;
	return true;
}
