// Run by `zig test -target <arch>-linux --test-cmd ferry --test-cmd-bin`:
// Zig's test runner as a guest; every test must pass.
const std = @import("std");
const testing = std.testing;

test "integer overflow builtins" {
    const r = @addWithOverflow(@as(u8, 250), 10);
    try testing.expectEqual(@as(u8, 4), r[0]);
    try testing.expectEqual(@as(u1, 1), r[1]);
    try testing.expectEqual(@as(i32, -2147483648), std.math.minInt(i32));
}

test "allocations and containers" {
    var list = std.ArrayList(u32).init(testing.allocator);
    defer list.deinit();
    for (0..100) |i| try list.append(@intCast(i * 3));
    try testing.expectEqual(@as(u32, 297), list.items[99]);
    var map = std.AutoHashMap(u32, u32).init(testing.allocator);
    defer map.deinit();
    for (0..50) |i| try map.put(@intCast(i), @intCast(i * i));
    try testing.expectEqual(@as(u32, 49 * 49), map.get(49).?);
}

test "formatting" {
    var buf: [64]u8 = undefined;
    const s = try std.fmt.bufPrint(&buf, "{d:.3} {x} {s}", .{ 2.5, 255, "ok" });
    try testing.expectEqualStrings("2.500 ff ok", s);
}

test "float math" {
    try testing.expectApproxEqAbs(@as(f64, 1.0), @sin(std.math.pi / 2.0), 1e-12);
    try testing.expectEqual(@as(f64, 3.0), @sqrt(@as(f64, 9.0)));
    try testing.expectEqual(@as(f32, 2.0), @floor(@as(f32, 2.7)));
}

test "sha256 known answer" {
    var d: [32]u8 = undefined;
    std.crypto.hash.sha2.Sha256.hash("abc", &d, .{});
    var hex: [64]u8 = undefined;
    _ = try std.fmt.bufPrint(&hex, "{s}", .{std.fmt.fmtSliceHexLower(&d)});
    try testing.expectEqualStrings("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &hex);
}

test "threads" {
    var counter = std.atomic.Atomic(u32).init(0);
    const f = struct {
        fn run(c: *std.atomic.Atomic(u32)) void {
            for (0..1000) |_| _ = c.fetchAdd(1, .SeqCst);
        }
    }.run;
    var ts: [4]std.Thread = undefined;
    for (&ts) |*t| t.* = try std.Thread.spawn(.{}, f, .{&counter});
    for (ts) |t| t.join();
    try testing.expectEqual(@as(u32, 4000), counter.load(.SeqCst));
}

test "files" {
    var tmp = testing.tmpDir(.{});
    defer tmp.cleanup();
    try tmp.dir.writeFile("a.txt", "hello");
    const got = try tmp.dir.readFileAlloc(testing.allocator, "a.txt", 100);
    defer testing.allocator.free(got);
    try testing.expectEqualStrings("hello", got);
}
