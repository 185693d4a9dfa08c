#!/usr/bin/env python3
"""CPU shares per process and per category from `perf script` output (stacks, leaf first).

    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 297 -g -o dispatch.data -- \
        dotnet bench/Newsletter.Benchmarks/bin/Release/net10.0/Newsletter.Benchmarks.dll dispatch batched
    perf script -i dispatch.data -F comm,pid,tid,time,event,ip,sym,dso > dispatch.txt
    python3 bench/perf-breakdown.py <dispatcher-pid>=dispatcher <stub-pid>=stub last=<seconds of the 1M run> < dispatch.txt

perf samples native code too (OpenSSL, the runtime, the kernel), which EventPipe's sampler does not; the perf map
names JIT-compiled methods, and W^X off keeps them in anonymous memory where perf looks them up. A sample goes to the
first category its stack names from the leaf up; a socket call goes to whoever called it (ledger or SendGrid) when
that is on the stack, else to "HTTP, async I/O". Threads named by the runtime (background GC, tiered JIT) go apart.
"""
import re, sys, collections

LEAF_FIRST = [  # leaf first: the first frame that names one of these decides
    ("JIT and type loading", re.compile(r"libclrjit|ThePreStub|DoPrestub")),
    ("ledger (Azure SDK, table ledger)", re.compile(r"Azure\.Data\.Tables|Azure\.Core|Azure\.Storage|TableDispatchLedger|LedgerColumns")),
    ("tokens (HMAC, base64, link URLs)", re.compile(r"TokenService|HMAC|libcrypto|libssl|Base64Url|ReaderLinks|Subscriptions\.Links|Uri::EscapeDataString|UriHelper")),
    ("reader generation (bench)", re.compile(r"GeneratedReaders|Newsletter\.Benchmarks")),
    ("personalization (other)", re.compile(r"DigestMessageFactory|ListUnsubscribe|Delivery\.Personalization")),
    ("JSON body (Utf8JsonWriter)", re.compile(r"SendGridMailContent|Utf8JsonWriter|System\.Text\.Json|System\.Text\.Encodings|JsonDocument")),
    ("HTTP", re.compile(r"System\.Net\.|Polly|Microsoft\.Extensions\.Http|Kestrel|AspNetCore|tcp_|inet_|sock_|__sys_send|__sys_recv|skb|ip_|net_rx|epoll|__libc_recv|__libc_send")),
    ("engine (planner, chunks, merge, dispatcher)", re.compile(r"Newsletter\.Core|Newsletter\.Infrastructure|Newsletter\.Testing")),
]
HTTP_OWNER = [("ledger (Azure SDK, table ledger)", re.compile(r"Azure\.|TableDispatchLedger")), ("HTTP client to SendGrid (SocketsHttpHandler, sockets)", re.compile(r"SendGrid|Newsletter\."))]

def parse(stream):
    header = re.compile(r"^(.*?)\s+(\d+)/(\d+)\s+([\d.]+):")
    pid, frames = None, []
    for line in stream:
        if not line.strip():
            if pid is not None:
                yield pid, frames
            pid, frames = None, []
            continue
        if not line.startswith((" ", "\t")):
            m = header.match(line)
            pid = (m.group(1).strip(), m.group(2), float(m.group(4))) if m else ("?", "?", 0.0)
            frames = []
        else:
            frames.append(line.strip().split(" ", 1)[-1])
    if pid is not None:
        yield pid, frames

def categorize(frames, comm):
    if comm.startswith(".NET BGC") or comm.startswith(".NET Server GC"):
        return "GC (background GC thread)"
    if comm.startswith(".NET Tiered") or comm.startswith(".NET JIT"):
        return "JIT (tiered compilation thread)"
    for i, frame in enumerate(frames):
        for name, rx in LEAF_FIRST:
            if rx.search(frame):
                if name != "HTTP":
                    return name
                for up in frames[i + 1:]:
                    for owner, orx in HTTP_OWNER:
                        if orx.search(up):
                            return owner
                return "HTTP, async I/O (owner not on the stack)"
    if frames and "libcoreclr" in frames[0]:
        return "runtime, unsymbolized (allocation helpers, GC, thread pool)"
    if frames and "kernel" in frames[0]:
        return "kernel (other)"
    return "other (libc, unresolved)"

def main():
    names = dict(a.split("=", 1) for a in sys.argv[1:])  # pid=label; last=<seconds>: only the run's last seconds; top=N
    samples = list(parse(sys.stdin))
    if "last" in names:
        end = max(k[2] for k, _ in samples)
        samples = [s for s in samples if s[0][2] >= end - float(names["last"])]
    per_pid = collections.Counter()
    per_cat = collections.defaultdict(collections.Counter)
    tops = collections.defaultdict(collections.Counter)
    for (comm, pid, _), frames in samples:
        label = names.get(pid, f"{comm} ({pid})")
        per_pid[label] += 1
        cat = categorize(frames, comm)
        per_cat[label][cat] += 1
        if frames:
            tops[(label, cat)][frames[0][:110]] += 1
    total = sum(per_pid.values())
    print(f"samples: {total}")
    for label, n in per_pid.most_common():
        print(f"{label}: {n} samples, {100.0 * n / total:.1f}% of all")
        for cat, c in per_cat[label].most_common():
            print(f"    {100.0 * c / n:5.1f}%  {cat}")
            if names.get("top", "4") != "0":  # top=N: the N leaf frames that weigh most in each category
                for frame, k in tops[(label, cat)].most_common(int(names.get("top", "4"))):
                    print(f"              {100.0 * k / n:5.1f}%  {frame}")

main()
