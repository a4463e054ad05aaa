/* Every RV64GC + Zba/Zbb/Zbs + Zicsr + Zifencei instruction, for
 * rv_disasm_test.c.  rv_disasm_gen.py assembles this, disassembles it with
 * GNU objdump and writes rv_disasm_expected.txt. */
	.option norvc
	.text
	.globl _start
_start:
	lui a0, 0x12345
	lui t6, 0xfffff
	auipc ra, 0
	auipc s11, 0x80000
	jal ra, _start
	jal zero, fwd
	jalr zero, 0(ra)
	jalr ra, -16(t0)
	beq a0, a1, _start
	bne s0, zero, fwd
	blt t1, t2, _start
	bge a2, a3, fwd
	bltu a4, a5, fwd
	bgeu s2, s3, _start
fwd:
	lb a0, -1(sp)
	lh a1, 2047(gp)
	lw a2, -2048(tp)
	ld a3, 8(s0)
	lbu a4, 0(s1)
	lhu a5, 16(a6)
	lwu a7, 4(s2)
	sb a0, -1(sp)
	sh t0, 2(t1)
	sw t2, 100(t3)
	sd t4, -8(t5)
	addi a0, a0, 16
	addi sp, sp, -2048
	slti a1, a2, -5
	sltiu a3, a4, 1
	xori a5, a6, -1
	ori s4, s5, 0x7ff
	andi s6, s7, 255
	slli s8, s9, 63
	srli s10, s11, 1
	srai t3, t4, 32
	add a0, a1, a2
	sub a3, a4, a5
	sll a6, a7, s0
	slt s1, s2, s3
	sltu s4, s5, s6
	xor s7, s8, s9
	srl s10, s11, t0
	sra t1, t2, t3
	or t4, t5, t6
	and ra, sp, gp
	addiw a0, a1, -1
	slliw a2, a3, 31
	srliw a4, a5, 3
	sraiw a6, a7, 0
	addw t0, t1, t2
	subw t3, t4, t5
	sllw a0, a1, a2
	srlw a3, a4, a5
	sraw a6, a7, s0
	fence
	fence rw, rw
	fence r, w
	fence iorw, io
	fence.tso
	fence.i
	ecall
	ebreak
	csrrw a0, fcsr, a1
	csrrs a2, fflags, zero
	csrrc zero, frm, a3
	csrrwi a4, frm, 3
	csrrsi a5, fflags, 31
	csrrci zero, fcsr, 1
	csrrs a0, cycle, zero
	csrrs a1, time, zero
	csrrs a2, instret, zero
	csrrs a3, 0x7c0, zero
	csrrw t0, sstatus, t1
	csrrs t2, mhartid, zero
	mul a0, a1, a2
	mulh a3, a4, a5
	mulhsu a6, a7, s0
	mulhu s1, s2, s3
	div s4, s5, s6
	divu s7, s8, s9
	rem s10, s11, t0
	remu t1, t2, t3
	mulw t4, t5, t6
	divw a0, a1, a2
	divuw a3, a4, a5
	remw a6, a7, s0
	remuw s1, s2, s3
	lr.w a0, (a1)
	lr.d.aq a2, (a3)
	sc.w a4, a5, (a6)
	sc.d.rl a7, s0, (s1)
	amoswap.w a0, a1, (a2)
	amoadd.d.aqrl a3, a4, (a5)
	amoxor.w.aq a6, a7, (s0)
	amoand.d s1, s2, (s3)
	amoor.w.rl s4, s5, (s6)
	amomin.d s7, s8, (s9)
	amomax.w s10, s11, (t0)
	amominu.d t1, t2, (t3)
	amomaxu.w t4, t5, (t6)
	flw fa0, 12(a0)
	fld fs0, -8(sp)
	fsw ft0, 0(a1)
	fsd fs11, 2040(s0)
	fmadd.s fa0, fa1, fa2, fa3
	fmsub.s fa4, fa5, fa6, fa7, rtz
	fnmsub.s ft0, ft1, ft2, ft3, rne
	fnmadd.s ft4, ft5, ft6, ft7, rmm
	fmadd.d fs0, fs1, fs2, fs3, rdn
	fmsub.d fs4, fs5, fs6, fs7
	fnmsub.d fs8, fs9, fs10, fs11, rup
	fnmadd.d ft8, ft9, ft10, ft11
	fadd.s fa0, fa1, fa2
	fsub.s fa0, fa1, fa2, rtz
	fmul.s fa0, fa1, fa2, rne
	fdiv.s fa0, fa1, fa2, rmm
	fsqrt.s fa0, fa1
	fsqrt.s fa0, fa1, rdn
	fadd.d ft0, ft1, ft2, rup
	fsub.d ft0, ft1, ft2
	fmul.d ft0, ft1, ft2
	fdiv.d ft0, ft1, ft2
	fsqrt.d ft3, ft4
	fsgnj.s fa0, fa1, fa2
	fsgnjn.s fa0, fa1, fa1
	fsgnjx.s fa0, fa1, fa2
	fsgnj.d fa0, fa1, fa1
	fsgnjn.d fa0, fa1, fa2
	fsgnjx.d fa0, fa1, fa2
	fmin.s fa0, fa1, fa2
	fmax.s fa0, fa1, fa2
	fmin.d fa0, fa1, fa2
	fmax.d fa0, fa1, fa2
	fcvt.s.d fa0, fa1
	fcvt.s.d fa0, fa1, rtz
	fcvt.d.s fa0, fa1
	feq.s a0, fa1, fa2
	flt.s a0, fa1, fa2
	fle.s a0, fa1, fa2
	feq.d a0, fa1, fa2
	flt.d a0, fa1, fa2
	fle.d a0, fa1, fa2
	fclass.s a0, fa1
	fclass.d a0, fa1
	fcvt.w.s a0, fa0
	fcvt.w.s a0, fa0, rtz
	fcvt.wu.s a0, fa0, rne
	fcvt.l.s a0, fa0, rdn
	fcvt.lu.s a0, fa0, rup
	fcvt.w.d a0, fa0, rmm
	fcvt.wu.d a0, fa0
	fcvt.l.d a0, fa0, rtz
	fcvt.lu.d a0, fa0
	fcvt.s.w fa0, a0
	fcvt.s.wu fa0, a0, rtz
	fcvt.s.l fa0, a0
	fcvt.s.lu fa0, a0, rup
	fcvt.d.w fa0, a0
	fcvt.d.wu fa0, a0
	fcvt.d.l fa0, a0, rtz
	fcvt.d.lu fa0, a0
	fmv.x.w a0, fa0
	fmv.w.x fa0, a0
	fmv.x.d a0, fa0
	fmv.d.x fa0, a0
	sh1add a0, a1, a2
	sh2add a0, a1, a2
	sh3add a0, a1, a2
	add.uw a0, a1, a2
	sh1add.uw a0, a1, a2
	sh2add.uw a0, a1, a2
	sh3add.uw a0, a1, a2
	slli.uw a0, a1, 5
	andn a0, a1, a2
	orn a0, a1, a2
	xnor a0, a1, a2
	clz a0, a1
	ctz a0, a1
	cpop a0, a1
	clzw a0, a1
	ctzw a0, a1
	cpopw a0, a1
	max a0, a1, a2
	maxu a0, a1, a2
	min a0, a1, a2
	minu a0, a1, a2
	sext.b a0, a1
	sext.h a0, a1
	zext.h a0, a1
	rol a0, a1, a2
	ror a0, a1, a2
	rolw a0, a1, a2
	rorw a0, a1, a2
	rori a0, a1, 63
	roriw a0, a1, 31
	orc.b a0, a1
	rev8 a0, a1
	bclr a0, a1, a2
	bclri a0, a1, 63
	bext a0, a1, a2
	bexti a0, a1, 5
	binv a0, a1, a2
	binvi a0, a1, 40
	bset a0, a1, a2
	bseti a0, a1, 0
	.option rvc
c_start:
	c.addi4spn a0, sp, 1020
	c.fld fa0, 8(a1)
	c.lw s0, 124(s1)
	c.ld a2, 248(a3)
	c.fsd fa5, 0(a5)
	c.sw a4, 4(a5)
	c.sd s1, 16(a0)
	c.nop
	c.addi a0, -32
	c.addi sp, 31
	c.addiw a1, 1
	c.addiw t0, -1
	c.li a0, 1
	c.li ra, -32
	c.addi16sp sp, -512
	c.addi16sp sp, 496
	c.lui a0, 1
	c.lui t6, 0xfffe0
	c.srli a0, 1
	c.srli s1, 63
	c.srai a2, 32
	c.andi a3, -1
	c.sub s0, s1
	c.xor a0, a1
	c.or a2, a3
	c.and a4, a5
	c.subw s0, a5
	c.addw a0, a1
	c.j c_start
	c.beqz a0, c_start
	c.bnez s1, c_end
	c.slli a0, 1
	c.slli t6, 63
	c.fldsp fa0, 504(sp)
	c.lwsp ra, 252(sp)
	c.ldsp t0, 8(sp)
	c.jr ra
	c.mv a0, a1
	c.ebreak
	c.jalr t0
	c.add a0, a1
	c.fsdsp fs0, 0(sp)
	c.swsp a0, 252(sp)
	c.sdsp ra, 504(sp)
c_end:
	/* hints and reserved encodings, by number */
	.option norvc
	.insn 4, 0x00050013	/* addi zero,a0,0: a hint */
	.insn 4, 0x0100000f	/* pause */
	.insn 4, 0x1015a52f	/* lr.w with rs2 != 0: reserved */
	.insn 4, 0x0405d513	/* srli with funct6 = 1: reserved */
	.insn 4, 0x4405d513	/* srai with bit 26: reserved */
	.insn 4, 0x0205951b	/* slliw shamt 32: reserved */
	.insn 4, 0x0815c53b	/* packw (Zbkb): not ours */
	.insn 4, 0x6005a513	/* slti a0,a1,1536 */
	.insn 4, 0x0802c53b	/* zext.h a0,t0 */
	.insn 4, 0x30200073	/* mret: not in U-mode */
	.insn 4, 0x2a00f053	/* fmin.d with funct3 7: reserved */
	.insn 4, 0xe0159553	/* fclass.s with rs2 = 1: reserved */
	.insn 4, 0x4025f553	/* fcvt.s.h (Zfh): not ours */
	.option rvc
	.insn 2, 0x4001	/* c.li zero,0: a hint */
	.insn 2, 0x0015	/* c.addi zero,5: a hint */
	.insn 2, 0x0501	/* c.addi a0,0: a hint */
	.insn 2, 0x6001	/* c.lui zero,0: reserved */
	.insn 2, 0x6501	/* c.lui a0,0: reserved */
	.insn 2, 0x0010	/* c.addi4spn with 0: reserved */
	.insn 2, 0x8002	/* c.jr zero: reserved */
	.insn 2, 0x802e	/* c.mv zero,a1: a hint */
	.insn 2, 0x902e	/* c.add zero,a1: a hint */
	.insn 2, 0x0002	/* c.slli64 zero: a hint */
	.insn 2, 0x8101	/* c.srli64 s0 */
	.insn 2, 0x9c41	/* reserved */
	.insn 2, 0x2001	/* c.addiw zero: reserved */
	.insn 2, 0x4002	/* c.lwsp zero: reserved */
	.insn 2, 0x9cc1	/* Zcb c.mul: not ours */
	.insn 2, 0x8000	/* Zcb c.lbu: not ours */
