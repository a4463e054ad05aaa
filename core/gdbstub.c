/* The gdb remote stub: the server thread and the packets it answers (gdb
 * manual, "Remote Protocol": "Packets", "General Query Packets", "Stop
 * Reply Packets").  Execution control is in gdb_exec.c, framing in
 * gdb_rsp.c, host file I/O in gdb_vfile.c. */
#include "gdbstub.h"
#include "gdb_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frontend.h"
#include "log.h"
#include "mem.h"
#include "process.h"
#include "run.h"
#include "vcpu.h"

static struct rsp rsp = {.fd = -1, .out_lock = PTHREAD_MUTEX_INITIALIZER};
static bool multiprocess;   /* gdb asked for pPID.TID thread ids */
static int g_tid, c_tid;    /* Hg / Hc: registers and legacy resume; 0 any, -1 all */
static char *reply;         /* RSP_MAX + 1 bytes */

/* ---- thread ids: "p<pid>.<tid>" under multiprocess, else "<tid>" (hex) ---- */

static int fmt_tid(char *out, size_t n, int tid)
{
	if (multiprocess)
		return snprintf(out, n, "p%x.%x", (unsigned)getpid(), (unsigned)tid);
	return snprintf(out, n, "%x", (unsigned)tid);
}

/* Parses a thread id at *p: returns tid, 0 (any) or -1 (all). */
static int parse_tid(const char **p)
{
	const char *s = *p;
	if (*s == 'p') {
		s++;
		if (s[0] == '-' && s[1] == '1')
			s += 2;
		else {
			uint64_t pid;
			hex_number(&s, &pid);
		}
		if (*s != '.') {
			*p = s;
			return -1; /* the whole process */
		}
		s++;
	}
	if (s[0] == '-' && s[1] == '1') {
		*p = s + 2;
		return -1;
	}
	uint64_t tid = 0;
	hex_number(&s, &tid);
	*p = s;
	return (int)tid;
}

static bool thread_alive(int tid)
{
	int tids[1024];
	int n = gdb_thread_ids(tids, 1024);
	for (int i = 0; i < n; i++)
		if (tids[i] == tid)
			return true;
	return false;
}

/* The thread a register or memory packet means: Hg's, else the last stop's. */
static int reg_tid(void)
{
	if (g_tid > 0 && thread_alive(g_tid))
		return g_tid;
	return gdb.event.tid > 0 && thread_alive(gdb.event.tid) ? gdb.event.tid : 0;
}

/* ---- stop replies ---- */

static void send_stop(const struct gdb_event *ev)
{
	/* gdb takes the stopped thread as the stub's general thread from here
	 * on (it sends Hg only when it wants another). */
	g_tid = ev->tid;
	char tid[48];
	fmt_tid(tid, sizeof(tid), ev->tid);
	snprintf(reply, RSP_MAX, "T%02xthread:%s;", gdb_signal_from_host(ev->signo), tid);
	rsp_send_str(&rsp, reply);
}

static void final_reply(char kind, int value)
{
	if (rsp.fd < 0)
		return;
	char buf[64];
	if (multiprocess)
		snprintf(buf, sizeof(buf), "%c%02x;process:%x", kind, value, (unsigned)getpid());
	else
		snprintf(buf, sizeof(buf), "%c%02x", kind, value);
	rsp_send_final(&rsp, buf);
	close(rsp.fd);
	rsp.fd = -1;
}

void gdb_notify_exit(int status)
{
	if (gdb_attached())
		final_reply('W', status & 0xff);
}

void gdb_notify_killed(int host_signo)
{
	if (gdb_attached())
		final_reply('X', gdb_signal_from_host(host_signo));
}

/* ---- registers ---- */

struct regs_ctx {
	char *out;
	const char *in;
	unsigned regno;
	int written;
};

static const struct gdb_target *target(void) { return proc.fe->gdb; }

static int read_all_regs(struct vcpu *cpu, void *ctx)
{
	struct regs_ctx *c = ctx;
	const struct gdb_target *t = target();
	size_t n = 0;
	for (unsigned i = 0; i < t->nregs; i++) {
		uint8_t buf[64];
		size_t sz = t->read_reg(cpu, i, buf);
		if (2 * (n + sz) >= RSP_MAX)
			break;
		hex_encode(c->out + 2 * n, buf, sz);
		n += sz;
	}
	return 0;
}

static int write_all_regs(struct vcpu *cpu, void *ctx)
{
	struct regs_ctx *c = ctx;
	const struct gdb_target *t = target();
	const char *p = c->in;
	for (unsigned i = 0; i < t->nregs; i++) {
		uint8_t buf[64];
		size_t sz = t->read_reg(cpu, i, buf);
		if (!sz)
			continue;
		if (hex_decode(buf, p, sz) != sz)
			break;
		t->write_reg(cpu, i, buf);
		p += 2 * sz;
	}
	return 0;
}

static int read_one_reg(struct vcpu *cpu, void *ctx)
{
	struct regs_ctx *c = ctx;
	uint8_t buf[64];
	size_t sz = target()->read_reg(cpu, c->regno, buf);
	if (!sz)
		return -1;
	hex_encode(c->out, buf, sz);
	return 0;
}

static int write_one_reg(struct vcpu *cpu, void *ctx)
{
	struct regs_ctx *c = ctx;
	uint8_t buf[64];
	size_t sz = target()->read_reg(cpu, c->regno, buf);
	if (!sz || hex_decode(buf, c->in, sz) != sz)
		return -1;
	return target()->write_reg(cpu, c->regno, buf);
}

/* ---- memory ---- */

/* m: as much of [addr, addr+len) as is readable, or E14 (EFAULT). */
static void cmd_read_mem(const char *p)
{
	uint64_t addr, len;
	if (!hex_number(&p, &addr) || *p++ != ',' || !hex_number(&p, &len)) {
		rsp_send_str(&rsp, "E01");
		return;
	}
	if (len > (RSP_MAX - 1) / 2)
		len = (RSP_MAX - 1) / 2;
	static uint8_t buf[RSP_MAX / 2];
	size_t got = 0;
	while (got < len) {
		/* Page by page, so a readable prefix is still returned. */
		uint64_t chunk = GUEST_PAGE_SIZE - ((addr + got) & (GUEST_PAGE_SIZE - 1));
		if (chunk > len - got)
			chunk = len - got;
		if (mem_read(buf + got, addr + got, chunk) < 0)
			break;
		got += chunk;
	}
	if (!got && len) {
		rsp_send_str(&rsp, "E14");
		return;
	}
	hex_encode(reply, buf, got);
	rsp_send_str(&rsp, reply);
}

/* M (hex) and X (binary) writes. */
static void cmd_write_mem(const char *p, size_t plen, bool binary)
{
	const char *start = p;
	uint64_t addr, len;
	if (!hex_number(&p, &addr) || *p++ != ',' || !hex_number(&p, &len) || *p++ != ':') {
		rsp_send_str(&rsp, "E01");
		return;
	}
	size_t avail = plen - (size_t)(p - start);
	static uint8_t buf[RSP_MAX];
	if (len > sizeof(buf) || (binary ? avail < len : hex_decode(buf, p, len) != len)) {
		rsp_send_str(&rsp, "E01");
		return;
	}
	if (binary)
		memcpy(buf, p, len);
	rsp_send_str(&rsp, !len || mem_write(addr, buf, len) == 0 ? "OK" : "E14");
}

/* ---- qXfer ---- */

/* Sends [off, off+len) of an object of total size n: "m" more, "l" last. */
static void xfer_reply(const void *obj, uint64_t n, uint64_t off, uint64_t len)
{
	if (len > RSP_MAX - 2)
		len = RSP_MAX - 2;
	if (off >= n) {
		rsp_send_str(&rsp, "l");
		return;
	}
	uint64_t k = n - off < len ? n - off : len;
	reply[0] = off + k < n ? 'm' : 'l';
	memcpy(reply + 1, (const char *)obj + off, k);
	rsp_send(&rsp, reply, 1 + k);
}

/* qXfer:OBJECT:read:ANNEX:OFF,LEN */
static void cmd_xfer(const char *p)
{
	char object[32], annex[64];
	const char *colon = strchr(p, ':');
	if (!colon || (size_t)(colon - p) >= sizeof(object) || strncmp(colon, ":read:", 6)) {
		rsp_send_str(&rsp, "");
		return;
	}
	snprintf(object, sizeof(object), "%.*s", (int)(colon - p), p);
	p = colon + 6;
	const char *c2 = strchr(p, ':');
	uint64_t off, len;
	if (!c2 || (size_t)(c2 - p) >= sizeof(annex)) {
		rsp_send_str(&rsp, "E00");
		return;
	}
	snprintf(annex, sizeof(annex), "%.*s", (int)(c2 - p), p);
	p = c2 + 1;
	if (!hex_number(&p, &off) || *p++ != ',' || !hex_number(&p, &len)) {
		rsp_send_str(&rsp, "E00");
		return;
	}
	if (!strcmp(object, "features")) {
		const char *xml = target()->xml;
		if (strcmp(annex, "target.xml"))
			rsp_send_str(&rsp, "E00");
		else
			xfer_reply(xml, strlen(xml), off, len);
	} else if (!strcmp(object, "exec-file")) {
		const char *path = proc.exe_path ? proc.exe_path : "";
		xfer_reply(path, strlen(path), off, len);
	} else if (!strcmp(object, "auxv")) {
		static uint8_t *auxv;
		if (!auxv && proc.auxv_len) {
			auxv = malloc(proc.auxv_len);
			if (auxv && mem_read(auxv, proc.auxv, proc.auxv_len) < 0) {
				free(auxv);
				auxv = NULL;
			}
		}
		if (!auxv)
			rsp_send_str(&rsp, "E14");
		else
			xfer_reply(auxv, proc.auxv_len, off, len);
	} else {
		rsp_send_str(&rsp, "");
	}
}

/* ---- queries ---- */

static void cmd_thread_list(void)
{
	int tids[1024];
	int n = gdb_thread_ids(tids, 1024);
	size_t len = 0;
	reply[len++] = 'm';
	for (int i = 0; i < n && len + 40 < RSP_MAX; i++) {
		if (i)
			reply[len++] = ',';
		len += (size_t)fmt_tid(reply + len, 40, tids[i]);
	}
	reply[len] = 0;
	rsp_send_str(&rsp, reply);
}

static void cmd_supported(const char *features)
{
	multiprocess = strstr(features, "multiprocess+") != NULL;
	snprintf(reply, RSP_MAX,
		 "PacketSize=%x;QStartNoAckMode+;qXfer:features:read+;qXfer:exec-file:read+;"
		 "qXfer:auxv:read+;vContSupported+%s",
		 RSP_MAX, multiprocess ? ";multiprocess+" : "");
	rsp_send_str(&rsp, reply);
}

static void cmd_query(const char *p)
{
	if (!strncmp(p, "qSupported", 10)) {
		cmd_supported(p + 10);
	} else if (!strcmp(p, "QStartNoAckMode")) {
		rsp_send_str(&rsp, "OK");
		rsp.noack = true;
	} else if (!strncmp(p, "qXfer:", 6)) {
		cmd_xfer(p + 6);
	} else if (!strncmp(p, "qAttached", 9)) {
		rsp_send_str(&rsp, "0"); /* gdb's kill on quit is right: we started it */
	} else if (!strcmp(p, "qC")) {
		char tid[48];
		fmt_tid(tid, sizeof(tid), reg_tid() > 0 ? reg_tid() : (int)getpid());
		snprintf(reply, RSP_MAX, "QC%s", tid);
		rsp_send_str(&rsp, reply);
	} else if (!strcmp(p, "qfThreadInfo")) {
		cmd_thread_list();
	} else if (!strcmp(p, "qsThreadInfo")) {
		rsp_send_str(&rsp, "l");
	} else if (!strncmp(p, "qSymbol", 7)) {
		rsp_send_str(&rsp, "OK");
	} else {
		rsp_send_str(&rsp, "");
	}
}

/* ---- resuming ---- */

/* Applies one action to the threads it names (tid -1: every thread not
 * named yet, which is how vCont's trailing action without an id reads). */
static void set_action(int tid, enum gdb_action a, int sig, bool *named_all)
{
	if (tid == -1 || tid == 0) {
		if (*named_all)
			return;
		*named_all = true;
		gdb.default_action = a;
		for (struct gdb_thread *t = gdb.threads; t; t = t->next)
			if (t->action == GDB_STOP) {
				t->action = a;
				t->resume_sig = sig;
			}
		return;
	}
	struct gdb_thread *t = gdb_thread_get(tid, true);
	if (t->action == GDB_STOP) {
		t->action = a;
		t->resume_sig = sig;
	}
}

/* Every thread starts the resume as GDB_STOP; actions fill in. */
static void actions_clear(void)
{
	int tids[1024];
	int n = gdb_thread_ids(tids, 1024);
	for (int i = 0; i < n; i++)
		gdb_thread_get(tids[i], true);
	for (struct gdb_thread *t = gdb.threads; t; t = t->next) {
		t->action = GDB_STOP;
		t->resume_sig = 0;
	}
	gdb.default_action = GDB_STOP;
}

struct pc_ctx {
	uint64_t pc;
};

static int set_pc(struct vcpu *cpu, void *ctx)
{
	cpu->pc = ((struct pc_ctx *)ctx)->pc;
	return 0;
}

/* c/C/s/S [sig;][addr]: the legacy forms.  c resumes every thread; s
 * steps the Hc thread (or the last stop's) and keeps the others stopped. */
static bool cmd_legacy_resume(const char *p, bool step, bool with_sig)
{
	uint64_t sig = 0, addr;
	if (with_sig) {
		hex_number(&p, &sig);
		if (*p == ';')
			p++;
	}
	int tid = c_tid > 0 && thread_alive(c_tid) ? c_tid : reg_tid();
	if (hex_number(&p, &addr)) {
		struct pc_ctx c = {addr};
		gdb_with_cpu(tid, set_pc, &c);
	}
	pthread_mutex_lock(&gdb.lock);
	actions_clear();
	bool all = false;
	int host_sig = gdb_signal_to_host((int)sig);
	if (step) {
		if (tid <= 0)
			tid = (int)getpid();
		set_action(tid, GDB_STEP, host_sig, &all);
	} else {
		set_action(-1, GDB_CONT, 0, &all);
		if (tid > 0)
			gdb_thread_get(tid, true)->resume_sig = host_sig;
	}
	gdb_resume_locked();
	pthread_mutex_unlock(&gdb.lock);
	return true;
}

/* vCont;ACTION[:TID];... */
static bool cmd_vcont(const char *p)
{
	pthread_mutex_lock(&gdb.lock);
	actions_clear();
	bool all = false, any = false;
	while (*p == ';') {
		p++;
		char kind = *p++;
		uint64_t sig = 0;
		if (kind == 'C' || kind == 'S')
			hex_number(&p, &sig);
		int tid = -1;
		if (*p == ':') {
			p++;
			tid = parse_tid(&p);
		}
		enum gdb_action a = kind == 'c' || kind == 'C' ? GDB_CONT : kind == 's' || kind == 'S' ? GDB_STEP : GDB_STOP;
		if (a != GDB_STOP) {
			set_action(tid, a, gdb_signal_to_host((int)sig), &all);
			any = true;
		}
		while (*p && *p != ';')
			p++;
	}
	if (any)
		gdb_resume_locked();
	pthread_mutex_unlock(&gdb.lock);
	if (!any)
		rsp_send_str(&rsp, "E01");
	return any;
}

/* ---- the session ---- */

static void kill_process(void)
{
	pthread_mutex_lock(&gdb.lock);
	__atomic_store_n(&gdb.attached, false, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&gdb.lock);
	close(rsp.fd);
	rsp.fd = -1;
	process_kill(SIGKILL);
}

static void detach(void)
{
	pthread_mutex_lock(&gdb.lock);
	gdb_detach_locked();
	pthread_mutex_unlock(&gdb.lock);
}

/* Handles one packet while the process is stopped; returns true when it
 * resumed the process. */
static bool handle(char *p, size_t len)
{
	struct regs_ctx rc = {.out = reply};
	uint64_t n;
	const char *q;
	switch (p[0]) {
	case '?':
		send_stop(&gdb.event);
		return false;
	case 'q':
	case 'Q':
		cmd_query(p);
		return false;
	case 'g':
		reply[0] = 0;
		gdb_with_cpu(reg_tid(), read_all_regs, &rc);
		rsp_send_str(&rsp, reply);
		return false;
	case 'G':
		rc.in = p + 1;
		rsp_send_str(&rsp, gdb_with_cpu(reg_tid(), write_all_regs, &rc) == 0 ? "OK" : "E01");
		return false;
	case 'p':
		q = p + 1;
		if (!hex_number(&q, &n)) {
			rsp_send_str(&rsp, "E01");
			return false;
		}
		rc.regno = (unsigned)n;
		rsp_send_str(&rsp, gdb_with_cpu(reg_tid(), read_one_reg, &rc) == 0 ? reply : "E01");
		return false;
	case 'P':
		q = p + 1;
		if (!hex_number(&q, &n) || *q != '=') {
			rsp_send_str(&rsp, "E01");
			return false;
		}
		rc.regno = (unsigned)n;
		rc.in = q + 1;
		rsp_send_str(&rsp, gdb_with_cpu(reg_tid(), write_one_reg, &rc) == 0 ? "OK" : "E01");
		return false;
	case 'm':
		cmd_read_mem(p + 1);
		return false;
	case 'M':
	case 'X':
		cmd_write_mem(p + 1, len - 1, p[0] == 'X');
		return false;
	case 'Z':
	case 'z': {
		/* Z0 software, Z1 hardware: the same table here. */
		q = p + 1;
		uint64_t type, addr;
		if (!hex_number(&q, &type) || *q++ != ',' || !hex_number(&q, &addr)) {
			rsp_send_str(&rsp, "E01");
			return false;
		}
		if (type > 1) {
			rsp_send_str(&rsp, ""); /* watchpoints: not supported */
			return false;
		}
		pthread_mutex_lock(&gdb.lock);
		int r = p[0] == 'Z' ? gdb_bp_insert(addr) : gdb_bp_remove(addr);
		pthread_mutex_unlock(&gdb.lock);
		rsp_send_str(&rsp, r == 0 ? "OK" : "E0c");
		return false;
	}
	case 'H': {
		q = p + 2;
		int tid = parse_tid(&q);
		if (p[1] == 'g')
			g_tid = tid;
		else
			c_tid = tid;
		rsp_send_str(&rsp, tid <= 0 || thread_alive(tid) ? "OK" : "E01");
		return false;
	}
	case 'T':
		q = p + 1;
		rsp_send_str(&rsp, thread_alive(parse_tid(&q)) ? "OK" : "E01");
		return false;
	case 'c':
	case 's':
		return cmd_legacy_resume(p + 1, p[0] == 's', false);
	case 'C':
	case 'S':
		return cmd_legacy_resume(p + 1, p[0] == 'S', true);
	case 'D':
		rsp_send_str(&rsp, "OK");
		detach();
		return true;
	case 'k':
		kill_process();
		return true;
	case 'v':
		if (!strncmp(p, "vCont?", 6)) {
			rsp_send_str(&rsp, "vCont;c;C;s;S");
		} else if (!strncmp(p, "vCont;", 5)) {
			return cmd_vcont(p + 5);
		} else if (!strncmp(p, "vKill", 5)) {
			rsp_send_str(&rsp, "OK");
			kill_process();
		} else if (!strncmp(p, "vFile:", 6)) {
			gdb_vfile(&rsp, p + 6, len - 6);
		} else {
			rsp_send_str(&rsp, "");
		}
		return false;
	default:
		rsp_send_str(&rsp, "");
		return false;
	}
}

/* The thread Ctrl-C names: the last stop's if alive, else the main one. */
static int interrupt_tid(void)
{
	int t = reg_tid();
	return t > 0 ? t : (int)getpid();
}

static void *server(void *arg)
{
	(void)arg;
	static char pkt[RSP_MAX + 1];
	bool running = false;
	for (;;) {
		if (!running) {
			int n = rsp_read_packet(&rsp, pkt, sizeof(pkt));
			if (n == RSP_EOF)
				break;
			if (n == RSP_INTERRUPT)
				continue;
			running = handle(pkt, (size_t)n);
			if (running && !gdb_attached())
				break; /* detached */
			continue;
		}
		struct pollfd pf[2] = {{.fd = rsp.fd, .events = POLLIN}, {.fd = gdb.event_fd, .events = POLLIN}};
		if (poll(pf, 2, -1) < 0)
			continue;
		if (pf[0].revents) {
			bool eof;
			bool intr = rsp_poll_interrupt(&rsp, &eof);
			if (eof)
				break;
			if (intr) {
				pthread_mutex_lock(&gdb.lock);
				gdb_stop_all_locked(interrupt_tid(), SIGINT);
				pthread_mutex_unlock(&gdb.lock);
			}
		}
		pthread_mutex_lock(&gdb.lock);
		bool have = gdb.have_event;
		struct gdb_event ev = gdb.event;
		pthread_mutex_unlock(&gdb.lock);
		if (!have)
			continue;
		gdb_quiesce();
		send_stop(&ev);
		running = false;
	}
	/* gdb went away without detaching: the guest runs on, as under qemu. */
	if (gdb_attached())
		detach();
	if (rsp.fd >= 0)
		close(rsp.fd);
	rsp.fd = -1;
	return NULL;
}

/* A forked child has no server thread: it runs on undebugged (gdb follows
 * the parent, as by default). */
static void after_fork_child(void)
{
	pthread_mutex_init(&gdb.lock, NULL);
	pthread_cond_init(&gdb.resumed, NULL);
	pthread_mutex_init(&rsp.out_lock, NULL);
	gdb.attached = false;
	gdb.stopped = false;
	gdb.nbps = 0;
	if (rsp.fd >= 0)
		close(rsp.fd);
	rsp.fd = -1;
}

void gdb_start(unsigned port, struct vcpu *cpu)
{
	if (!proc.fe->gdb)
		ferry_fatal("-g: the %s frontend has no gdb target description yet", proc.fe->name);
	int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ls < 0)
		ferry_fatal("-g: socket: %s", strerror(errno));
	int one = 1;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 1) < 0)
		ferry_fatal("-g: cannot listen on 127.0.0.1:%u: %s", port, strerror(errno));
	socklen_t sl = sizeof(sa);
	getsockname(ls, (struct sockaddr *)&sa, &sl);
	/* Port 0 picks a free one; either way the user learns where to connect. */
	ferry_warn("waiting for gdb on 127.0.0.1:%u (target remote :%u)", ntohs(sa.sin_port), ntohs(sa.sin_port));
	int fd;
	do
		fd = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		ferry_fatal("-g: accept: %s", strerror(errno));
	close(ls);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	rsp.fd = fd;
	reply = malloc(RSP_MAX + 1);
	gdb.event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (!reply || gdb.event_fd < 0)
		ferry_fatal("-g: out of resources");

	/* Held at the entry point until gdb resumes. */
	gdb.attached = true;
	gdb.stopped = true;
	gdb.default_action = GDB_STOP;
	gdb.single_insn = trace_on(TRACE_INSN); /* insn_trace_start ran first */
	gdb.event = (struct gdb_event){cpu->tid, SIGTRAP};
	gdb_thread_get(cpu->tid, true);
	run_debug_hook = gdb_hook;
	pthread_atfork(NULL, NULL, after_fork_child);

	/* Guest signals must never land on the server thread. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_t th;
	int r = pthread_create(&th, NULL, server, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r)
		ferry_fatal("-g: cannot start the server thread: %s", strerror(r));
	pthread_detach(th);
}
