using System.Runtime.CompilerServices;

namespace AutoNumerics.Evolution.Programs;

/// <summary>One tape step: an x-dependent op over registers (or broadcast constants, per bit of ConstMask).</summary>
internal struct TapeStep
{
    public OpCode Op;
    /// <summary>Bit k set: operand k is a constant-pool index (broadcast), else a register index.</summary>
    public byte ConstMask;
    public int Dst, A, B, C;
}

/// <summary>
/// The inner loops of the tape evaluator. Operand sources (register or broadcast constant) and ops are struct type
/// parameters, so the JIT emits one tight loop per combination with no branch inside: the op dispatch happens once
/// per step and chunk, never per point.
/// </summary>
internal static unsafe class TapeKernels
{
    // ---- operand sources -------------------------------------------------------------------------------------
    internal interface ISrc<T> where T : struct, ILanes<T> { T Load(nint i); }

    internal readonly struct Reg<T>(double* p) : ISrc<T> where T : struct, ILanes<T>
    {
        private readonly double* _p = p;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Load(nint i) => T.Load(_p + i);
    }

    internal readonly struct Cst<T>(double v) : ISrc<T> where T : struct, ILanes<T>
    {
        private readonly T _v = T.Broadcast(v);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public T Load(nint i) => _v;
    }

    internal interface IDDSrc<T> where T : struct, ILanes<T> { void Load(nint i, out T hi, out T lo); }

    internal readonly struct DDReg<T>(double* hi, double* lo) : IDDSrc<T> where T : struct, ILanes<T>
    {
        private readonly double* _h = hi, _l = lo;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Load(nint i, out T hi, out T lo) { hi = T.Load(_h + i); lo = T.Load(_l + i); }
    }

    internal readonly struct DDCst<T>(double hi, double lo) : IDDSrc<T> where T : struct, ILanes<T>
    {
        private readonly T _h = T.Broadcast(hi), _l = T.Broadcast(lo);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Load(nint i, out T hi, out T lo) { hi = _h; lo = _l; }
    }

    // ---- ops ---------------------------------------------------------------------------------------------------
    internal interface IOp2
    {
        static abstract T Apply<T>(T a, T b) where T : struct, ILanes<T>;
        static abstract void ApplyDD<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T>;
    }

    internal struct AddOp : IOp2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply<T>(T a, T b) where T : struct, ILanes<T> => T.Add(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void ApplyDD<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T> => DoubleDoubleLanes.Add(ah, al, bh, bl, out zh, out zl);
    }

    internal struct SubOp : IOp2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply<T>(T a, T b) where T : struct, ILanes<T> => T.Sub(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void ApplyDD<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T> => DoubleDoubleLanes.Sub(ah, al, bh, bl, out zh, out zl);
    }

    internal struct MulOp : IOp2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply<T>(T a, T b) where T : struct, ILanes<T> => T.Mul(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void ApplyDD<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T> => DoubleDoubleLanes.Mul(ah, al, bh, bl, out zh, out zl);
    }

    internal struct DivOp : IOp2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply<T>(T a, T b) where T : struct, ILanes<T> => T.Div(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void ApplyDD<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T> => DoubleDoubleLanes.Div(ah, al, bh, bl, out zh, out zl);
    }

    // ---- double loops ------------------------------------------------------------------------------------------
    private static void Loop2<T, TOp, TA, TB>(TA a, TB b, double* d, nint start, nint end)
        where T : struct, ILanes<T> where TOp : IOp2 where TA : struct, ISrc<T> where TB : struct, ISrc<T>
    {
        for (nint i = start; i < end; i += T.Count)
            T.Store(TOp.Apply(a.Load(i), b.Load(i)), d + i);
    }

    private static void Loop3<T, TA, TB, TC>(TA a, TB b, TC c, double* d, nint start, nint end)
        where T : struct, ILanes<T> where TA : struct, ISrc<T> where TB : struct, ISrc<T> where TC : struct, ISrc<T>
    {
        for (nint i = start; i < end; i += T.Count)
            T.Store(T.Fma(a.Load(i), b.Load(i), c.Load(i)), d + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Binary<T, TOp>(int mask, double* d, double* pa, double* pb, double ka, double kb, nint start, nint end)
        where T : struct, ILanes<T> where TOp : IOp2
    {
        switch (mask)
        {
            case 0: Loop2<T, TOp, Reg<T>, Reg<T>>(new(pa), new(pb), d, start, end); break;
            case 1: Loop2<T, TOp, Cst<T>, Reg<T>>(new(ka), new(pb), d, start, end); break;
            default: Loop2<T, TOp, Reg<T>, Cst<T>>(new(pa), new(kb), d, start, end); break;
        }
    }

    private static void Ternary<T>(int mask, double* d, double* pa, double* pb, double* pc, double ka, double kb, double kc, nint start, nint end)
        where T : struct, ILanes<T>
    {
        switch (mask)
        {
            case 0: Loop3<T, Reg<T>, Reg<T>, Reg<T>>(new(pa), new(pb), new(pc), d, start, end); break;
            case 1: Loop3<T, Cst<T>, Reg<T>, Reg<T>>(new(ka), new(pb), new(pc), d, start, end); break;
            case 2: Loop3<T, Reg<T>, Cst<T>, Reg<T>>(new(pa), new(kb), new(pc), d, start, end); break;
            case 3: Loop3<T, Cst<T>, Cst<T>, Reg<T>>(new(ka), new(kb), new(pc), d, start, end); break;
            case 4: Loop3<T, Reg<T>, Reg<T>, Cst<T>>(new(pa), new(pb), new(kc), d, start, end); break;
            case 5: Loop3<T, Cst<T>, Reg<T>, Cst<T>>(new(ka), new(pb), new(kc), d, start, end); break;
            default: Loop3<T, Reg<T>, Cst<T>, Cst<T>>(new(pa), new(kb), new(kc), d, start, end); break;
        }
    }

    /// <summary>Runs the tape over points [start, end) (a multiple of T.Count) in double.</summary>
    public static void Run<T>(ReadOnlySpan<TapeStep> tape, double* x, double* regs, nint stride, double* pool, nint start, nint end)
        where T : struct, ILanes<T>
    {
        foreach (ref readonly var s in tape)
        {
            int m = s.ConstMask;
            double* d = regs + (nint)s.Dst * stride;
            // Pointers for register operands (register 0 is x); constants come from the pool.
            double* pa = (m & 1) != 0 ? null : s.A == 0 ? x : regs + (nint)s.A * stride;
            double* pb = (m & 2) != 0 ? null : s.B == 0 ? x : regs + (nint)s.B * stride;
            double ka = (m & 1) != 0 ? pool[s.A] : 0, kb = (m & 2) != 0 ? pool[s.B] : 0;
            switch (s.Op)
            {
                case OpCode.Add: Binary<T, AddOp>(m, d, pa, pb, ka, kb, start, end); break;
                case OpCode.Sub: Binary<T, SubOp>(m, d, pa, pb, ka, kb, start, end); break;
                case OpCode.Mul: Binary<T, MulOp>(m, d, pa, pb, ka, kb, start, end); break;
                case OpCode.Div: Binary<T, DivOp>(m, d, pa, pb, ka, kb, start, end); break;
                default:
                    double* pc = (m & 4) != 0 ? null : s.C == 0 ? x : regs + (nint)s.C * stride;
                    double kc = (m & 4) != 0 ? pool[s.C] : 0;
                    Ternary<T>(m, d, pa, pb, pc, ka, kb, kc, start, end);
                    break;
            }
        }
    }

    // ---- double-double loops -----------------------------------------------------------------------------------
    private static void LoopDD2<T, TOp, TA, TB>(TA a, TB b, double* dh, double* dl, nint start, nint end)
        where T : struct, ILanes<T> where TOp : IOp2 where TA : struct, IDDSrc<T> where TB : struct, IDDSrc<T>
    {
        for (nint i = start; i < end; i += T.Count)
        {
            a.Load(i, out T ah, out T al);
            b.Load(i, out T bh, out T bl);
            TOp.ApplyDD(ah, al, bh, bl, out T zh, out T zl);
            T.FiniteOr(ref zh, ref zl, TOp.Apply(ah, bh));
            T.Store(zh, dh + i);
            T.Store(zl, dl + i);
        }
    }

    private static void LoopDD3<T, TA, TB, TC>(TA a, TB b, TC c, double* dh, double* dl, nint start, nint end)
        where T : struct, ILanes<T> where TA : struct, IDDSrc<T> where TB : struct, IDDSrc<T> where TC : struct, IDDSrc<T>
    {
        for (nint i = start; i < end; i += T.Count)
        {
            a.Load(i, out T ah, out T al);
            b.Load(i, out T bh, out T bl);
            c.Load(i, out T ch, out T cl);
            DoubleDoubleLanes.Fma(ah, al, bh, bl, ch, cl, out T zh, out T zl);
            T.FiniteOr(ref zh, ref zl, T.Fma(ah, bh, ch));
            T.Store(zh, dh + i);
            T.Store(zl, dl + i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BinaryDD<T, TOp>(int mask, double* dh, double* dl, in Operand a, in Operand b, nint start, nint end)
        where T : struct, ILanes<T> where TOp : IOp2
    {
        switch (mask)
        {
            case 0: LoopDD2<T, TOp, DDReg<T>, DDReg<T>>(new(a.H, a.L), new(b.H, b.L), dh, dl, start, end); break;
            case 1: LoopDD2<T, TOp, DDCst<T>, DDReg<T>>(new(a.KH, a.KL), new(b.H, b.L), dh, dl, start, end); break;
            default: LoopDD2<T, TOp, DDReg<T>, DDCst<T>>(new(a.H, a.L), new(b.KH, b.KL), dh, dl, start, end); break;
        }
    }

    private static void TernaryDD<T>(int mask, double* dh, double* dl, in Operand a, in Operand b, in Operand c, nint start, nint end)
        where T : struct, ILanes<T>
    {
        switch (mask)
        {
            case 0: LoopDD3<T, DDReg<T>, DDReg<T>, DDReg<T>>(new(a.H, a.L), new(b.H, b.L), new(c.H, c.L), dh, dl, start, end); break;
            case 1: LoopDD3<T, DDCst<T>, DDReg<T>, DDReg<T>>(new(a.KH, a.KL), new(b.H, b.L), new(c.H, c.L), dh, dl, start, end); break;
            case 2: LoopDD3<T, DDReg<T>, DDCst<T>, DDReg<T>>(new(a.H, a.L), new(b.KH, b.KL), new(c.H, c.L), dh, dl, start, end); break;
            case 3: LoopDD3<T, DDCst<T>, DDCst<T>, DDReg<T>>(new(a.KH, a.KL), new(b.KH, b.KL), new(c.H, c.L), dh, dl, start, end); break;
            case 4: LoopDD3<T, DDReg<T>, DDReg<T>, DDCst<T>>(new(a.H, a.L), new(b.H, b.L), new(c.KH, c.KL), dh, dl, start, end); break;
            case 5: LoopDD3<T, DDCst<T>, DDReg<T>, DDCst<T>>(new(a.KH, a.KL), new(b.H, b.L), new(c.KH, c.KL), dh, dl, start, end); break;
            default: LoopDD3<T, DDReg<T>, DDCst<T>, DDCst<T>>(new(a.H, a.L), new(b.KH, b.KL), new(c.KH, c.KL), dh, dl, start, end); break;
        }
    }

    /// <summary>A resolved double-double operand: register pointers or a broadcast constant.</summary>
    internal struct Operand
    {
        public double* H, L;
        public double KH, KL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Operand Resolve(bool isConst, int index, double* xh, double* xl, double* rh, double* rl, nint stride, double* poolH, double* poolL)
    {
        Operand o = default;
        if (isConst) { o.KH = poolH[index]; o.KL = poolL[index]; }
        else if (index == 0) { o.H = xh; o.L = xl; }
        else { o.H = rh + index * stride; o.L = rl + index * stride; }
        return o;
    }

    /// <summary>Runs the tape over points [start, end) in double-double; x's lo part is a zero buffer.</summary>
    public static void RunDD<T>(ReadOnlySpan<TapeStep> tape, double* xh, double* xl, double* rh, double* rl, nint stride,
        double* poolH, double* poolL, nint start, nint end) where T : struct, ILanes<T>
    {
        foreach (ref readonly var s in tape)
        {
            int m = s.ConstMask;
            double* dh = rh + (nint)s.Dst * stride, dl = rl + (nint)s.Dst * stride;
            var a = Resolve((m & 1) != 0, s.A, xh, xl, rh, rl, stride, poolH, poolL);
            var b = Resolve((m & 2) != 0, s.B, xh, xl, rh, rl, stride, poolH, poolL);
            switch (s.Op)
            {
                case OpCode.Add: BinaryDD<T, AddOp>(m, dh, dl, a, b, start, end); break;
                case OpCode.Sub: BinaryDD<T, SubOp>(m, dh, dl, a, b, start, end); break;
                case OpCode.Mul: BinaryDD<T, MulOp>(m, dh, dl, a, b, start, end); break;
                case OpCode.Div: BinaryDD<T, DivOp>(m, dh, dl, a, b, start, end); break;
                default:
                    var c = Resolve((m & 4) != 0, s.C, xh, xl, rh, rl, stride, poolH, poolL);
                    TernaryDD<T>(m, dh, dl, a, b, c, start, end);
                    break;
            }
        }
    }
}
