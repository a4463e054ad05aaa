# Builds everything tests/run.sh runs, under $(B)/tests.  Invoked by run.sh as
#   make -f tests/build.mk B=<builddir> -j2 -k
# Make's timestamps keep reruns fast: only changed sources are rebuilt.
B ?= build
T := $(B)/tests

RVCC  ?= riscv64-linux-gnu-gcc
RVCXX ?= riscv64-linux-gnu-g++
HOSTCC  ?= gcc
HOSTCXX ?= g++

# -ffp-contract=off: GCC fuses a*b+c into fmadd on riscv64 but not on a plain
# x86-64 host, which would make guest and native output differ.
COMMON   := -g0 -Wall -Wno-unused-function -ffp-contract=off -D_GNU_SOURCE
GCFLAGS  := -std=gnu11 $(COMMON)
GCXXFLAGS:= -std=gnu++17 $(COMMON)
GLIBS    := -lm -lpthread
# Extra flags a source asks for in a comment:  TEST-CFLAGS: -frounding-math
# and libraries, placed after the source:      TEST-LIBS: -latomic
directive = $(shell sed -n 's/^.*$(2):[[:space:]]*//p' $(1) | head -n1 | sed 's/[[:space:]]*\*\/.*//')
tflags = $(call directive,$(1),TEST-CFLAGS)
tlibs = $(call directive,$(1),TEST-LIBS)

# Guest programs: every tests/guest/*.c and *.cc, built four ways for each
# guest arch under $(T)/guest/<arch>/.  A source that says TEST-ARCH: <arch>
# (one or more, space-separated) is built only for those.
GUEST_ARCHES := riscv64 aarch64
CC_riscv64  := $(RVCC)
CXX_riscv64 := $(RVCXX)
CC_aarch64  ?= aarch64-linux-gnu-gcc
CXX_aarch64 ?= aarch64-linux-gnu-g++
GUEST_C   := $(wildcard tests/guest/*.c)
GUEST_CC  := $(wildcard tests/guest/*.cc)
GUEST_SRCS:= $(GUEST_C) $(GUEST_CC)
GUEST_ALL := $(notdir $(basename $(GUEST_SRCS)))
# $(call guest_names_for,arch): the programs built for arch
guest_names_for = $(notdir $(basename $(foreach f,$(GUEST_SRCS),\
	$(if $(call directive,$(f),TEST-ARCH),$(if $(filter $(1),$(call directive,$(f),TEST-ARCH)),$(f)),$(f)))))
# aarch64's dynamic-O0 (its slowest quarter, close to static-O0 and
# dynamic-O2 in what it covers) waits for check-full, for CI time.
VARIANTS_riscv64 := static-O0 static-O2 dynamic-O0 dynamic-O2
VARIANTS_aarch64 := static-O0 static-O2 dynamic-O2
ifneq ($(FERRY_CHECK_FULL),)
# Slower sweep: the same programs with other optimisation levels and, on
# riscv64, the bit-manipulation extensions enabled, so the compiler emits
# Zba/Zbb/Zbs.
VARIANTS_riscv64 += static-Os dynamic-O3zb
VARIANTS_aarch64 += dynamic-O0 static-Os dynamic-O3
endif
GUEST_BINS := $(foreach a,$(GUEST_ARCHES),$(foreach n,$(call guest_names_for,$(a)),\
	$(foreach v,$(VARIANTS_$(a)),$(T)/guest/$(a)/$(n).$(v))))

# Programs whose output is not a native run's carry a tests/guest/<name>.expected
# (every arch) or tests/guest/<name>.<arch>.expected (that arch); the
# others get a host build as the oracle.
GUEST_EXPECTED := $(notdir $(basename $(filter-out $(foreach a,$(GUEST_ARCHES),%.$(a).expected),\
	$(wildcard tests/guest/*.expected))))
NATIVE_BINS := $(foreach n,$(filter-out $(GUEST_EXPECTED),$(GUEST_ALL)),$(T)/native/$(n))

# Instruction tests, one directory per guest arch (tests/isa/<arch>/), built
# with <arch>-linux-gnu-gcc: C ones static and dynamic, assembly ones
# freestanding.  ISA_FLAGS_<arch> are the flags every test of that arch gets.
ISA_ARCHES := $(notdir $(patsubst %/,%,$(wildcard tests/isa/*/)))
ISA_FLAGS_riscv64 := -march=rv64gc_zba_zbb_zbs
ISA_BINS :=
# $(call isa_arch,arch)
define isa_arch
ISA_BINS += $$(foreach n,$$(notdir $$(basename $$(wildcard tests/isa/$(1)/*.c))),\
	$(T)/isa/$(1)/$$(n).static $(T)/isa/$(1)/$$(n).dynamic)
ISA_BINS += $$(foreach n,$$(notdir $$(basename $$(wildcard tests/isa/$(1)/*.S))),$(T)/isa/$(1)/$$(n).static)
$(T)/isa/$(1)/%.static: tests/isa/$(1)/%.c
	@mkdir -p $$(@D)
	$(1)-linux-gnu-gcc $$(GCFLAGS) $$(ISA_FLAGS_$(1)) $$(call tflags,$$<) -O2 -static -MMD -MP -MF $$@.d -o $$@ $$< $$(call tlibs,$$<) $$(GLIBS)
$(T)/isa/$(1)/%.dynamic: tests/isa/$(1)/%.c
	@mkdir -p $$(@D)
	$(1)-linux-gnu-gcc $$(GCFLAGS) $$(ISA_FLAGS_$(1)) $$(call tflags,$$<) -O2 -MMD -MP -MF $$@.d -o $$@ $$< $$(call tlibs,$$<) $$(GLIBS)
# Assembly tests have their own _start and talk to the kernel directly.
$(T)/isa/$(1)/%.static: tests/isa/$(1)/%.S
	@mkdir -p $$(@D)
	$(1)-linux-gnu-gcc $$(ISA_FLAGS_$(1)) $$(call tflags,$$<) -nostdlib -static -Wl,--build-id=none -MMD -MP -MF $$@.d -o $$@ $$<
endef
$(foreach a,$(ISA_ARCHES),$(eval $(call isa_arch,$(a))))

# Bad-input fixtures and the ELF editing tool.
TOOLS := $(T)/tools/elfmangle $(T)/bad/x86_64_object.o $(T)/bad/x86_64_exe \
	 $(T)/bad/victim.static $(T)/bad/victim.dynamic

.PHONY: all guest native isa tools unit
all: guest native isa tools
guest: $(GUEST_BINS)
native: $(NATIVE_BINS)
isa: $(ISA_BINS)
tools: $(TOOLS)

# $(call guest_rule,arch,variant,link-and-opt-flags)
define guest_rule
$(T)/guest/$(1)/%.$(2): tests/guest/%.c
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(GCFLAGS) $(3) $$(call tflags,$$<) -MMD -MP -MF $$@.d -o $$@ $$< $$(call tlibs,$$<) $$(GLIBS)
$(T)/guest/$(1)/%.$(2): tests/guest/%.cc
	@mkdir -p $$(@D)
	$$(CXX_$(1)) $$(GCXXFLAGS) $(3) $$(call tflags,$$<) -MMD -MP -MF $$@.d -o $$@ $$< $$(call tlibs,$$<) $$(GLIBS)
endef
$(foreach a,$(GUEST_ARCHES),\
	$(eval $(call guest_rule,$(a),static-O0,-static -O0))\
	$(eval $(call guest_rule,$(a),static-O2,-static -O2))\
	$(eval $(call guest_rule,$(a),dynamic-O0,-O0))\
	$(eval $(call guest_rule,$(a),dynamic-O2,-O2))\
	$(eval $(call guest_rule,$(a),static-Os,-static -Os)))
$(eval $(call guest_rule,riscv64,dynamic-O3zb,-O3 -march=rv64gc_zba_zbb_zbs))
$(eval $(call guest_rule,aarch64,dynamic-O3,-O3))

$(T)/native/%: tests/guest/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(GCFLAGS) -O2 $(call tflags,$<) -MMD -MP -MF $@.d -o $@ $< $(call tlibs,$<) $(GLIBS)
$(T)/native/%: tests/guest/%.cc
	@mkdir -p $(@D)
	$(HOSTCXX) $(GCXXFLAGS) -O2 $(call tflags,$<) -MMD -MP -MF $@.d -o $@ $< $(call tlibs,$<) $(GLIBS)

$(T)/tools/elfmangle: tests/tools/elfmangle.c
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 -O1 -Wall -Wextra -Werror -o $@ $<
$(T)/bad/x86_64_object.o: tests/bad/victim.c
	@mkdir -p $(@D)
	$(HOSTCC) -O1 -c -o $@ $<
$(T)/bad/x86_64_exe: tests/bad/victim.c
	@mkdir -p $(@D)
	$(HOSTCC) -O1 -o $@ $<
$(T)/bad/victim.static: tests/bad/victim.c
	@mkdir -p $(@D)
	$(RVCC) -O1 -static -o $@ $<
$(T)/bad/victim.dynamic: tests/bad/victim.c
	@mkdir -p $(@D)
	$(RVCC) -O1 -o $@ $<

# Unit tests: standalone host programs, linked against libferry.a when it
# links (built with the sanitizers when the library is), else alone.
UNIT_SRCS := $(wildcard tests/unit/*_test.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(T)/unit/%)
LIBFERRY  := $(wildcard $(B)/libferry.a)
comma     := ,
UNIT_SAN  := $(if $(LIBFERRY),$(if $(shell nm $(LIBFERRY) 2>/dev/null | grep -m1 __asan_),\
	-fsanitize=address$(comma)undefined -fno-sanitize-recover=undefined))
UNIT_CFLAGS := -std=gnu11 -I. -D_GNU_SOURCE -frounding-math -g -O1 $(UNIT_SAN)
unit: $(UNIT_BINS)
all: unit

$(T)/unit/%: tests/unit/%.c $(LIBFERRY)
	@mkdir -p $(@D)
	@$(HOSTCC) $(UNIT_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(LIBFERRY) -lelf -lcapstone -lbsd -lm -lpthread \
		2>$@.log || $(HOSTCC) $(UNIT_CFLAGS) -MMD -MP -MF $@.d -o $@ $< -lm -lpthread 2>>$@.log \
		|| { cat $@.log >&2; exit 1; }

-include $(wildcard $(T)/guest/*/*.d $(T)/native/*.d $(T)/isa/*/*.d $(T)/unit/*.d)
