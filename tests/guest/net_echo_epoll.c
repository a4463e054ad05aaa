/* An epoll echo server in a thread, serving loopback TCP and a unix
 * socket at once, and clients in a forked child; then a file descriptor
 * passed over a socketpair with SCM_RIGHTS. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLIENTS 4
#define MSGS 50

static int tcp_listen, unix_listen;
static struct sockaddr_in tcp_addr;
static struct sockaddr_un unix_addr;
static int served_bytes, served_conns;

/* echoes until every client has come and gone */
static void *server(void *arg)
{
	int ep = epoll_create1(EPOLL_CLOEXEC), closed = 0;
	struct epoll_event ev = { .events = EPOLLIN }, evs[16];

	(void)arg;
	ev.data.fd = tcp_listen;
	epoll_ctl(ep, EPOLL_CTL_ADD, tcp_listen, &ev);
	ev.data.fd = unix_listen;
	epoll_ctl(ep, EPOLL_CTL_ADD, unix_listen, &ev);
	while (closed < 2 * CLIENTS) {
		int n = epoll_wait(ep, evs, 16, -1);
		if (n < 0 && errno == EINTR)
			continue;
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == tcp_listen || fd == unix_listen) {
				int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
				ev.events = EPOLLIN;
				ev.data.fd = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				served_conns++;
				continue;
			}
			char buf[512];
			ssize_t r = read(fd, buf, sizeof buf);
			if (r <= 0) {
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
				close(fd);
				closed++;
				continue;
			}
			served_bytes += (int)r;
			if (write(fd, buf, (size_t)r) != r)
				exit(3);
		}
	}
	close(ep);
	return NULL;
}

/* one connection: MSGS lines, each echoed back whole */
static int client(int fd, int id)
{
	int ok = 0;

	for (int m = 0; m < MSGS; m++) {
		char out[64], in[64];
		int len = snprintf(out, sizeof out, "client %d message %d\n", id, m), got = 0;
		if (write(fd, out, (size_t)len) != len)
			return -1;
		while (got < len) {
			ssize_t r = read(fd, in + got, (size_t)(len - got));
			if (r <= 0)
				return -1;
			got += (int)r;
		}
		ok += memcmp(in, out, (size_t)len) == 0;
	}
	close(fd);
	return ok;
}

static void pass_fd(void)
{
	int sv[2], p[2], got = -1;
	char c = 'F', data[16] = { 0 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct iovec iov = { &c, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || pipe(p) < 0)
		exit(1);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
	if (sendmsg(sv[0], &msg, 0) != 1)
		exit(2);
	close(p[0]);
	if (write(p[1], "via SCM_RIGHTS", 14) != 14)
		exit(2);
	close(p[1]);

	memset(u.buf, 0, sizeof u.buf);
	c = 0;
	msg.msg_controllen = sizeof u.buf;
	ssize_t r = recvmsg(sv[1], &msg, 0);
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&got, CMSG_DATA(cm), sizeof(int));
	printf("SCM_RIGHTS: byte %d '%c', fd received %d", (int)r, c, got >= 0);
	if (got >= 0)
		printf(", it reads \"%.*s\"", (int)read(got, data, sizeof data), data);
	printf("\n");
}

int main(void)
{
	socklen_t len = sizeof tcp_addr;
	pthread_t t;

	tcp_listen = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	tcp_addr.sin_family = AF_INET;
	tcp_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(tcp_listen, (struct sockaddr *)&tcp_addr, sizeof tcp_addr) < 0 || listen(tcp_listen, 16) < 0)
		return 1;
	getsockname(tcp_listen, (struct sockaddr *)&tcp_addr, &len);
	/* an abstract unix address: nothing to clean up, unique per pid */
	unix_listen = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	unix_addr.sun_family = AF_UNIX;
	int ulen = snprintf(unix_addr.sun_path + 1, sizeof unix_addr.sun_path - 1, "ferry-echo-%d", (int)getpid());
	socklen_t ualen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + ulen);
	if (bind(unix_listen, (struct sockaddr *)&unix_addr, ualen) < 0 || listen(unix_listen, 16) < 0)
		return 1;
	pthread_create(&t, NULL, server, NULL);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int ok = 0;
		for (int i = 0; i < CLIENTS; i++) {
			int a = socket(AF_INET, SOCK_STREAM, 0), b = socket(AF_UNIX, SOCK_STREAM, 0);
			if (connect(a, (struct sockaddr *)&tcp_addr, sizeof tcp_addr) < 0 ||
			    connect(b, (struct sockaddr *)&unix_addr, ualen) < 0)
				_exit(100);
			ok += client(a, 2 * i);
			ok += client(b, 2 * i + 1);
		}
		_exit(ok == 2 * CLIENTS * MSGS ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	pthread_join(t, NULL);
	printf("clients: exit %d (0: every echo matched)\n", WEXITSTATUS(st));
	printf("server: %d connections, %d bytes echoed\n", served_conns, served_bytes);
	pass_fd();
	return 0;
}
