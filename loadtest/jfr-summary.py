"""Summarises a JFR recording of the gateway under load (loadtest/profile-hotpath.sh): allocation by site and class,
and execution samples, for the events after START (HH:MM:SS, UTC), per request of the measured run.
Usage: python3 loadtest/jfr-summary.py recording.jfr requests START"""
import collections, json, subprocess, sys
jfr, reqs, start = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def events(name):
    out = subprocess.run(["jfr", "print", "--json", "--events", name, jfr], capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]
def after_start(e):  # the measured run only (the warm-up and set-up come before it)
    return e["values"]["startTime"][11:19] >= start
def frames(e):
    st = e["values"].get("stackTrace") or {}
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in st.get("frames", [])]
def own(fs):  # the first frame in our code, or the top frame when none
    for f in fs:
        if f.startswith("dev.apigw.emulator."): return f
    return "(no emulator frame)"
alloc = [e for e in events("jdk.ObjectAllocationSample") if after_start(e)]
total = sum(e["values"]["weight"] for e in alloc)
by_site, by_class = collections.Counter(), collections.Counter()
for e in alloc:
    w = e["values"]["weight"]; fs = frames(e)
    # lambdas and method-handle plumbing are not the allocating code: name the first real frame
    first = next((f for f in fs if "$$Lambda" not in f and not f.startswith("java.lang.invoke.")), fs[0] if fs else "?")
    by_site[own(fs) + "  <- " + first] += w
    by_class[e["values"]["objectClass"]["name"]] += w
print(f"requests {reqs}; sampled allocation weight {total/1e6:.1f} MB = {total/max(reqs,1):.0f} B/request")
print("top allocation sites (first emulator frame <- allocating frame): share, bytes/request")
for k, w in by_site.most_common(25): print(f"  {100*w/total:5.1f}%  {w/reqs:7.0f}  {k}")
print("top allocated classes:")
for k, w in by_class.most_common(12): print(f"  {100*w/total:5.1f}%  {w/reqs:7.0f}  {k}")
cpu = [e for e in events("jdk.ExecutionSample") if after_start(e)]
mine = collections.Counter(); top = collections.Counter(); n = len(cpu); inside = 0
for e in cpu:
    fs = frames(e)
    if fs: top[fs[0]] += 1
    ours = [f for f in fs if f.startswith("dev.apigw.emulator.")]
    if ours: inside += 1
    for f in set(ours): mine[f] += 1
print(f"execution samples {n}; with an emulator frame on the stack: {100*inside/max(n,1):.1f}%")
print("emulator frames on the stack (inclusive share):")
for k, c in mine.most_common(20): print(f"  {100*c/n:5.1f}%  {k}")
print("top frames (self):")
for k, c in top.most_common(15): print(f"  {100*c/n:5.1f}%  {k}")
