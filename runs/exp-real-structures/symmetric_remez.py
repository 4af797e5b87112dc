#!/usr/bin/env python3
"""Independent optimum of the symmetric rational family R(x) = (Hn(s) + x Hd(s)) / (Hn(s) - x Hd(s)), s = x^2,
for e^x or 2^x on [a, b] under relative error: a nonlinear Remez exchange on the coefficients of Hn and Hd, in
60-digit decimal arithmetic (Python's standard library only; shares no code or parametrization with AutoNumerics).

Usage: python3 symmetric_remez.py exp|exp2 M [a b]
  M = degree of Hn and Hd in s (M = 2 gives the [5/5] rational that the 10-op programs of results.md compute).
Prints the levelled error of each exchange, the optimum, and for M = 2 the constants of the 10-op program
  t1 = x*x; t2 = t1 + e; t3 = d / t2; t4 = t3 + t1; t5 = t4 + c; t6 = b / t5; t7 = t6 + a; (t7 + x) / (t7 - x)
with the error of those constants rounded to binary64 (on a 20,000-point grid).
"""
import math
import sys
from decimal import Decimal as D, getcontext

getcontext().prec = 60


def main():
    target, m = sys.argv[1], int(sys.argv[2])
    a, b = (D(sys.argv[3]), D(sys.argv[4])) if len(sys.argv) > 4 else (D(0), D(1))
    if target not in ("exp", "exp2") or m < 1 or not (b > a >= 0):
        sys.exit("usage: symmetric_remez.py exp|exp2 M [a b]  (M >= 1, 0 <= a < b)")
    k = D(2).ln() if target == "exp2" else D(1)
    f = lambda x: (x * k).exp()
    # Start: the Pade approximant P(kx)/P(-kx) of degree n = 2m + 1, split into even and odd parts.
    n = 2 * m + 1
    c = [D(math.factorial(2 * n - j) * math.factorial(n)) / D(math.factorial(2 * n) * math.factorial(j) * math.factorial(n - j)) * k ** j
         for j in range(n + 1)]
    even, odd = [c[2 * i] for i in range(m + 1)], [c[2 * i + 1] for i in range(m + 1)]
    p = [e / odd[0] for e in even] + [o / odd[0] for o in odd[1:]]  # Hn coefficients, then Hd's (constant 1)

    def parts(p, x):
        s = x * x
        return sum(p[i] * s ** i for i in range(m + 1)), 1 + sum(p[m + i] * s ** i for i in range(1, m + 1))

    def err(p, x):
        hn, hd = parts(p, x)
        return (hn + x * hd) / ((hn - x * hd) * f(x)) - 1

    unknowns = len(p) + 1
    ref = [a + (b - a) * D((1 - math.cos(math.pi * (i + 1) / unknowns)) / 2) for i in range(unknowns)]
    grid = [a + (b - a) * D(i) / D(4000) for i in range(1, 4001)]
    level = D(0)
    for outer in range(40):
        for _ in range(30):  # Newton on the levelled equations at the reference
            rows, rhs = [], []
            for i, x in enumerate(ref):
                sign = 1 if i % 2 == 0 else -1
                s, (hn, hd), fx = x * x, parts(p, x), f(x)
                g = (1 + sign * level) * fx
                rhs.append(-(hn + x * hd - g * (hn - x * hd)))
                rows.append([s ** j * (1 - g) for j in range(m + 1)] + [x * s ** j * (1 + g) for j in range(1, m + 1)]
                            + [-sign * fx * (hn - x * hd)])
            step = solve(rows, rhs)
            p = [p[i] + step[i] for i in range(len(p))]
            level += step[-1]
            if max(abs(v) for v in step[:-1]) < D(10) ** -40:
                break
        e = [err(p, x) for x in grid]
        runs, i = [], 0
        while i < len(grid):
            positive, best = e[i] > 0, i
            while i < len(grid) and (e[i] > 0) == positive:
                if abs(e[i]) > abs(e[best]):
                    best = i
                i += 1
            runs.append(best)
        worst = max(abs(v) for v in e)
        print(f"exchange {outer}: level {float(abs(level)):.4e}, max {float(worst):.4e}")
        if len(runs) < unknowns or worst - abs(level) < D("1e-6") * worst:
            break
        while len(runs) > unknowns:
            runs.pop(0 if abs(e[runs[0]]) < abs(e[runs[-1]]) else -1)
        ref = [grid[j] for j in runs]
    print(f"optimum {float(worst):.5e} ({target}, symmetric [{n}/{n}], [{a}, {b}])")
    if m == 2:
        h0, h1, h2, d1, d2 = p
        ca = h2 / d2
        n0, n1 = h0 - ca, h1 - ca * d1
        cb, ce = n1 / d2, n0 / n1
        cc = d1 / d2 - ce
        cd = 1 / d2 - cc * ce
        consts = [ca, cb, cc, cd, ce]

        def program(cs, x):
            ca, cb, cc, cd, ce = cs
            s = x * x
            h = ca + cb / (s + cc + cd / (s + ce))
            return (h + x) / (h - x)

        rounded = [D(float(v)) for v in consts]
        worst = max(abs(program(rounded, x) / f(x) - 1) for x in [a + (b - a) * D(i) / D(20000) for i in range(20001)])
        print(f"program: t1 = x * x; t2 = t1 + {float(ce)!r}; t3 = {float(cd)!r} / t2; t4 = t3 + t1; t5 = t4 + {float(cc)!r}; "
              f"t6 = {float(cb)!r} / t5; t7 = t6 + {float(ca)!r}; t8 = t7 + x; t9 = t7 - x; t10 = t8 / t9; return t10")
        print(f"with binary64 constants: {float(worst):.5e}")


def solve(rows, rhs):
    n = len(rhs)
    a = [row[:] + [rhs[i]] for i, row in enumerate(rows)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[piv] = a[piv], a[col]
        for r in range(n):
            if r != col:
                factor = a[r][col] / a[col][col]
                for cc in range(col, n + 1):
                    a[r][cc] -= factor * a[col][cc]
    return [a[i][n] / a[i][i] for i in range(n)]


if __name__ == "__main__":
    main()
