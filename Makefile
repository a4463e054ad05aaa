# ferry: the only build entry.  See README.md.
CC      ?= gcc
BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
SAN     ?=

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS  ?= -O2 -g
override CFLAGS += -std=gnu11 $(WARN) -I. -D_GNU_SOURCE -fno-strict-aliasing $(SAN)
override LDFLAGS += $(SAN)
# The libraries are linked from their static archives: resolving capstone's
# and libelf's relocations at every start costs ferry ~0.7 ms of its ~3 ms
# start-up.
LIBS    := -Wl,-Bstatic -lelf -lcapstone -lbsd -lmd -lz -lzstd -Wl,-Bdynamic -lm -lpthread

SRCS      := $(sort $(wildcard core/*.c frontends/*/*.c backends/*/*.c syscalls/*/*.c loader/*.c))
# The JIT (backends/x86_64) emits x86-64 code: it is built only for an x86-64
# host, taken from the compiler's target (a cross compiler builds for its
# target); HOST_ARCH=aarch64 overrides it.  FERRY_HAVE_JIT tells the registry.
HOST_ARCH ?= $(firstword $(subst -, ,$(shell $(CC) -dumpmachine)))
ifeq ($(HOST_ARCH),x86_64)
override CFLAGS += -DFERRY_HAVE_JIT=1
else
SRCS      := $(filter-out backends/x86_64/%,$(SRCS))
endif
LIB_SRCS  := $(filter-out core/main.c,$(SRCS))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
DEPS      := $(SRCS:%.c=$(BUILD)/obj/%.d)

.PHONY: all deps check check-full check-asan demo bench install static clean
all: $(BUILD)/ferry

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# The interpreter's FP ops change the host rounding mode between operations.
$(BUILD)/obj/backends/interp/%.o: CFLAGS += -frounding-math
$(BUILD)/obj/core/fpu.o: CFLAGS += -frounding-math

$(BUILD)/libferry.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

# Linked as a position-dependent executable: a PIE relocates capstone's and
# libelf's pointer tables (1.3 MiB) at every start, a third of start-up.
# (make static builds a static-pie instead.)
LINK_PIE ?= -no-pie
$(BUILD)/ferry: $(BUILD)/obj/core/main.o $(BUILD)/libferry.a
	$(CC) $(LINK_PIE) $(LDFLAGS) -o $@ $^ $(LIBS)

-include $(DEPS)

deps:
	@scripts/install-deps.sh

demo: deps all
	@$(MAKE) --no-print-directory -s $(BUILD)/examples/hello-riscv64
	$(BUILD)/ferry $(BUILD)/examples/hello-riscv64 from ferry

$(BUILD)/examples/hello-riscv64: examples/hello.c
	@mkdir -p $(dir $@)
	riscv64-linux-gnu-gcc -O2 -o $@ $<

check: deps all
	@tests/run.sh $(BUILD)

check-full: deps all
	@FERRY_CHECK_FULL=1 tests/run.sh $(BUILD)

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" all
	@ASAN_OPTIONS=detect_leaks=0 tests/run.sh build-asan

bench: deps all
	@bench/run.sh $(BUILD)

static:
	@$(MAKE) --no-print-directory BUILD=build-static LDFLAGS="-static-pie" LINK_PIE= \
		LIBS="-lelf -lcapstone -lbsd -lmd -lz -lzstd -lm -lpthread" all

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/ferry $(DESTDIR)$(PREFIX)/bin/ferry
	install -m 644 docs/ferry.1 $(DESTDIR)$(PREFIX)/share/man/man1/ferry.1

clean:
	rm -rf build build-asan build-static
