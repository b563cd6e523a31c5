"""CPU time and memory of a process tree, read from /proc.

A proxy may be several processes (nginx master + worker, HAProxy master + worker, and new workers
after every reload), so both are summed over the tree under the process the harness started.
Children that exited and were reaped are counted through their parent's cutime/cstime.
"""

import os

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _children_map():
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: split after the last ')'.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def tree(pid: int):
    """The pid and all its live descendants."""
    children = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def cpu_seconds(pid: int) -> float:
    """utime + stime (+ reaped children's) over the tree, in seconds."""
    ticks = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read()
        except OSError:
            continue
        rest = fields[fields.rindex(")") + 2 :].split()
        # Fields 14-17 of proc(5) (utime stime cutime cstime) are rest[11:15].
        ticks += sum(int(v) for v in rest[11:15])
    return ticks / CLK_TCK


def memory_mib(pid: int):
    """(VmRSS, VmHWM) summed over the tree, in MiB."""
    rss = hwm = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        hwm += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, hwm / 1024
