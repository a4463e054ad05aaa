// Zig's std without threads: allocators, containers, formatting (integers,
// floats), hashing, sorting, files, the environment and the arguments.
// The output is compared with the same source built for x86_64-linux.
const std = @import("std");

pub fn main() !void {
    const out = std.io.getStdOut().writer();
    var gpa = std.heap.GeneralPurposeAllocator(.{}){};
    defer _ = gpa.deinit();
    const a = gpa.allocator();

    var args = try std.process.argsWithAllocator(a);
    defer args.deinit();
    _ = args.skip();
    while (args.next()) |arg| try out.print("arg: {s}\n", .{arg});

    // containers
    var list = std.ArrayList(u64).init(a);
    defer list.deinit();
    var x: u64 = 88172645463325252;
    for (0..1000) |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        try list.append(x % 100000);
    }
    std.mem.sort(u64, list.items, {}, std.sort.asc(u64));
    try out.print("sorted: first {d} median {d} last {d}\n", .{ list.items[0], list.items[500], list.items[999] });

    var map = std.StringHashMap(u32).init(a);
    defer map.deinit();
    const words = [_][]const u8{ "riscv", "aarch64", "zig", "riscv", "zig", "riscv" };
    for (words) |w| {
        const e = try map.getOrPut(w);
        if (!e.found_existing) e.value_ptr.* = 0;
        e.value_ptr.* += 1;
    }
    try out.print("counts: riscv={d} aarch64={d} zig={d}\n", .{ map.get("riscv").?, map.get("aarch64").?, map.get("zig").? });

    // integer and float formatting, 128-bit arithmetic, f16/f128 conversions
    const big: u128 = 0xfedcba9876543210 * @as(u128, 0x123456789abcdef);
    try out.print("u128: {d} {x}\n", .{ big, big });
    const i: i64 = -123456789;
    try out.print("ints: {d} {x} {b} {o}\n", .{ i, @as(u64, @bitCast(i)), @as(u8, 0xa5), @as(u16, 0o755) });
    const f: f64 = 3.14159265358979;
    try out.print("floats: {d:.6} {e} {d} {d:.3}\n", .{ f, f * 1e10, @sqrt(2.0 * f), @as(f32, 1.0) / 3.0 });
    const h: f16 = @floatCast(f);
    const q: f128 = @as(f128, f) * 3;
    try out.print("f16 {d:.4} f128->f64 {d:.10}\n", .{ @as(f32, h), @as(f64, @floatCast(q)) });
    try out.print("math: sin {d:.9} exp {d:.9} log {d:.9} pow {d:.6}\n", .{ @sin(f / 6), @exp(1.5), @log(10.0), std.math.pow(f64, 2.5, 3.5) });
    const v: @Vector(4, i32) = .{ 1, -2, 3, -4 };
    const w: @Vector(4, i32) = .{ 10, 20, 30, 40 };
    try out.print("vector: {any}\n", .{v * w + v});

    // hashing and crypto
    var digest: [32]u8 = undefined;
    std.crypto.hash.sha2.Sha256.hash("ferry runs zig", &digest, .{});
    try out.print("sha256: {s}\n", .{std.fmt.fmtSliceHexLower(&digest)});
    try out.print("crc32: {x}\n", .{std.hash.Crc32.hash("ferry runs zig")});
    try out.print("wyhash: {x}\n", .{std.hash.Wyhash.hash(7, "ferry runs zig")});

    // files through the std (openat, write, read, stat, unlink)
    var tmp_buf: [64]u8 = undefined;
    const tmp_name = try std.fmt.bufPrint(&tmp_buf, "/tmp/ferry-zig-basics-{d}", .{std.os.linux.getpid()});
    {
        const file = try std.fs.createFileAbsolute(tmp_name, .{});
        defer file.close();
        try file.writer().print("line {d}\n", .{42});
    }
    const content = try std.fs.cwd().readFileAlloc(a, tmp_name, 1024);
    defer a.free(content);
    const st = try std.fs.cwd().statFile(tmp_name);
    try std.fs.deleteFileAbsolute(tmp_name);
    try out.print("file: {d} bytes: {s}", .{ st.size, content });

    // environment
    const val = std.os.getenv("FERRY_ZIG_VAR") orelse "(unset)";
    try out.print("env: {s}\n", .{val});

    // an error return trace is not needed; errors as values
    const r = std.fmt.parseInt(u8, "300", 10);
    try out.print("parseInt overflow: {any}\n", .{r});
}
