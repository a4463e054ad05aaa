// std.Thread under ferry: spawn/join, a Mutex-protected counter, atomics
// (fetchAdd, compare-and-swap loops), a Condition-based handoff, and
// thread-local storage.  Output is deterministic.
const std = @import("std");

const N_THREADS = 6;
const ITERS = 20000;

var mutex = std.Thread.Mutex{};
var locked_counter: u64 = 0;
var atomic_counter = std.atomic.Atomic(u64).init(0);
var cas_max = std.atomic.Atomic(u32).init(0);
threadlocal var tls_value: u32 = 7;

fn worker(id: u32, sums: *[N_THREADS]u64) void {
    tls_value = id * 100;
    var local: u64 = 0;
    for (0..ITERS) |k| {
        mutex.lock();
        locked_counter += 1;
        mutex.unlock();
        _ = atomic_counter.fetchAdd(2, .SeqCst);
        local += k % (id + 1);
        // a CAS loop raising a shared maximum
        const cand: u32 = @intCast((k * (id + 3)) % 65521);
        var cur = cas_max.load(.Monotonic);
        while (cand > cur) {
            cur = cas_max.compareAndSwap(cur, cand, .SeqCst, .Monotonic) orelse break;
        }
    }
    std.Thread.yield() catch {};
    sums[id] = local + tls_value;
}

const Handoff = struct {
    m: std.Thread.Mutex = .{},
    c: std.Thread.Condition = .{},
    value: u32 = 0,
    turn: u32 = 0, // 0: producer, 1: consumer
    done: bool = false,
};

fn consumer(h: *Handoff, total: *u64) void {
    h.m.lock();
    defer h.m.unlock();
    while (true) {
        while (h.turn != 1 and !h.done) h.c.wait(&h.m);
        if (h.turn != 1 and h.done) return;
        total.* += h.value;
        h.turn = 0;
        h.c.signal();
    }
}

pub fn main() !void {
    const out = std.io.getStdOut().writer();
    var sums: [N_THREADS]u64 = undefined;
    var threads: [N_THREADS]std.Thread = undefined;
    for (0..N_THREADS) |i| threads[i] = try std.Thread.spawn(.{}, worker, .{ @as(u32, @intCast(i)), &sums });
    for (threads) |t| t.join();
    try out.print("mutex counter {d}\n", .{locked_counter});
    try out.print("atomic counter {d}\n", .{atomic_counter.load(.SeqCst)});
    try out.print("cas max {d}\n", .{cas_max.load(.SeqCst)});
    for (sums, 0..) |s, i| try out.print("thread {d} sum {d}\n", .{ i, s });
    try out.print("main tls {d}\n", .{tls_value});

    var h = Handoff{};
    var total: u64 = 0;
    const t = try std.Thread.spawn(.{}, consumer, .{ &h, &total });
    for (1..501) |v| {
        h.m.lock();
        while (h.turn != 0) h.c.wait(&h.m);
        h.value = @intCast(v);
        h.turn = 1;
        h.c.signal();
        h.m.unlock();
    }
    h.m.lock();
    while (h.turn != 0) h.c.wait(&h.m);
    h.done = true;
    h.c.signal();
    h.m.unlock();
    t.join();
    try out.print("handoff total {d}\n", .{total});

    // a thread pool and a WaitGroup
    var pool: std.Thread.Pool = undefined;
    try pool.init(.{ .allocator = std.heap.page_allocator, .n_jobs = 4 });
    var wg = std.Thread.WaitGroup{};
    var squares = [_]std.atomic.Atomic(u64){std.atomic.Atomic(u64).init(0)} ** 64;
    for (0..64) |i| {
        wg.start();
        try pool.spawn(square, .{ &wg, &squares[i], i });
    }
    pool.waitAndWork(&wg);
    pool.deinit();
    var sq_sum: u64 = 0;
    for (&squares) |*s| sq_sum += s.load(.SeqCst);
    try out.print("pool squares sum {d}\n", .{sq_sum});
}

fn square(wg: *std.Thread.WaitGroup, slot: *std.atomic.Atomic(u64), i: usize) void {
    defer wg.finish();
    slot.store(i * i, .SeqCst);
}
