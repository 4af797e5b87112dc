using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoNumerics.Evolution.Programs;

/// <summary>Lane width of the evaluator's inner loops. Auto picks the widest hardware-accelerated one.</summary>
public enum SimdWidth { Auto, Scalar, V128, V256, V512 }

/// <summary>A double-double result: value[i] = Hi[i] + Lo[i]. Valid until the evaluator's next call.</summary>
public readonly ref struct DoubleDoubleResult(ReadOnlySpan<double> hi, ReadOnlySpan<double> lo)
{
    public ReadOnlySpan<double> Hi { get; } = hi;
    public ReadOnlySpan<double> Lo { get; } = lo;
    public int Length => Hi.Length;
}

/// <summary>
/// Evaluates programs over a fixed set of sample points at once. One instance per worker thread (not thread-safe):
/// it owns the scratch buffers, so evaluation allocates nothing once the buffers have grown to the largest program.
/// <para>A program is compiled to a flat tape of its x-dependent live ops with linear-scan register allocation (a
/// register is freed after its last use and reused in place), constant-only subgraphs evaluated once per call in
/// scalar and broadcast. Points are processed in L1-sized chunks, the whole tape per chunk. Results are bit-identical
/// to <see cref="Interpreter"/> at every width (same op order; FMA fused in both).</para>
/// <para>Typical use in constant fitting: <see cref="Load"/> once, then <see cref="Run"/> per constant vector.
/// <see cref="Evaluate"/> skips recompiling when the program shares its instruction array with the last one.</para>
/// </summary>
public sealed unsafe class Evaluator
{
    // Chunk of points per pass over the tape: registers of one chunk stay in L1 (512 doubles = 4 KB each).
    private const int Chunk = 512;
    // Buffers are padded to a multiple of this many doubles (the widest vector), so loops never need a scalar tail.
    private const int Pad = 8;

    private readonly SimdWidth _width;
    private int _n, _stride;
    private double* _x, _zeros, _regs, _regsLo;
    private double[] _xArr = [], _zerosArr = [], _regsArr = [], _regsLoArr = [];
    private int _regCapacity, _regLoCapacity;

    // Compiled tape of the last loaded structure.
    private TapeStep[] _tape = new TapeStep[32];
    private int _tapeLength, _registerCount;
    private int[] _poolNodes = new int[32];
    private int _poolCount;
    private double[] _pool = new double[32], _poolLo = new double[32];
    private Instruction[]? _loadedCode;
    private int _loadedOutput = -1;
    private int _outputRegister;   // -1 when the output is constant-only
    private int _outputConstNode;
    // Per-node scratch for compilation and constant-subgraph evaluation.
    private double[] _nodeHi = new double[64], _nodeLo = new double[64];
    private int[] _reg = new int[64], _lastUse = new int[64];
    private bool[] _dep = new bool[64], _live = new bool[64];
    private int[] _free = new int[64];

    public Evaluator(SimdWidth width = SimdWidth.Auto)
    {
        _width = width == SimdWidth.Auto ? BestWidth() : width;
    }

    /// <summary>The widest hardware-accelerated width (Vector512 on AVX-512 machines, else 256, 128, scalar).</summary>
    public static SimdWidth BestWidth() =>
        Vector512.IsHardwareAccelerated ? SimdWidth.V512 :
        Vector256.IsHardwareAccelerated ? SimdWidth.V256 :
        Vector128.IsHardwareAccelerated ? SimdWidth.V128 : SimdWidth.Scalar;

    public SimdWidth Width => _width;
    public int PointCount => _n;
    public ReadOnlySpan<double> Points => new(_x, _n);
    /// <summary>Registers used by the last loaded program (excluding x): a measure of the allocation quality.</summary>
    public int RegisterCount => _registerCount;
    /// <summary>Vector steps per chunk of the last loaded program (= its x-dependent live ops).</summary>
    public int TapeLength => _tapeLength;

    /// <summary>Sets the sample points (copied; the only place that allocates apart from register growth).</summary>
    public void SetPoints(ReadOnlySpan<double> points)
    {
        if (points.IsEmpty) throw new ArgumentException("at least one point is needed", nameof(points));
        _n = points.Length;
        _stride = (_n + Pad - 1) / Pad * Pad;
        _x = AllocAligned(ref _xArr, _stride);
        points.CopyTo(new Span<double>(_x, _n));
        // Padding lanes repeat the last point: finite, and never read back.
        new Span<double>(_x + _n, _stride - _n).Fill(points[^1]);
        _zeros = AllocAligned(ref _zerosArr, _stride);
        new Span<double>(_zeros, _stride).Clear();
        _regCapacity = _regLoCapacity = 0;
        _regsArr = _regsLoArr = [];
        _loadedCode = null;
    }

    /// <summary>Pinned array with a 64-byte aligned start (pinned arrays never move, so the pointer stays valid).</summary>
    private static double* AllocAligned(ref double[] holder, int length)
    {
        holder = GC.AllocateUninitializedArray<double>(length + 8, pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(holder));
        return (double*)((p + 63) & ~(nint)63);
    }

    /// <summary>Compiles the program's structure to the tape (constants are read at <see cref="Run"/>).</summary>
    public void Load(Program program)
    {
        if (_n == 0) throw new InvalidOperationException("SetPoints first");
        var code = program.CodeArray;
        int n = code.Length;
        if (_dep.Length < n) GrowNodeScratch(n);
        var dep = _dep.AsSpan(0, n);
        var live = _live.AsSpan(0, n);
        program.DependsOnInput(dep);
        program.Reachable(live);

        // Last use of each x-dependent value, in instruction (= tape) order; the output lives to the end.
        var lastUse = _lastUse;
        for (int i = 0; i < n; i++) lastUse[i] = -1;
        for (int i = 0; i < n; i++)
        {
            if (!live[i] || !dep[i] || !code[i].Op.IsArithmetic()) continue;
            int arity = code[i].Op.Arity();
            for (int k = 0; k < arity; k++) lastUse[code[i].Operand(k)] = i;
        }
        lastUse[program.Output] = int.MaxValue;

        int steps = 0, regs = 0, freeCount = 0;
        _poolCount = 0;
        for (int i = 0; i < n; i++)
        {
            var ins = code[i];
            if (!live[i] || !dep[i]) continue;
            if (ins.Op == OpCode.Input) { _reg[i] = 0; continue; }
            if (steps == _tape.Length) Array.Resize(ref _tape, steps * 2);
            ref var s = ref _tape[steps++];
            s.Op = ins.Op;
            s.ConstMask = 0;
            int arity = ins.Op.Arity();
            for (int k = 0; k < arity; k++)
            {
                int o = ins.Operand(k);
                int slot;
                if (dep[o]) slot = _reg[o];
                else
                {
                    s.ConstMask |= (byte)(1 << k);
                    slot = AddPool(o);
                }
                if (k == 0) s.A = slot; else if (k == 1) s.B = slot; else s.C = slot;
            }
            // Free operand registers that die here (once each, x never), then allocate the destination: an operand's
            // register may be reused in place because each lane is read before it is written.
            for (int k = 0; k < arity; k++)
            {
                int o = ins.Operand(k);
                if (!dep[o] || lastUse[o] != i) continue;
                int r = _reg[o];
                if (r == 0) continue;
                bool seen = false;
                for (int j = 0; j < freeCount; j++) if (_free[j] == r) { seen = true; break; }
                if (!seen) _free[freeCount++] = r;
            }
            int dst = freeCount > 0 ? _free[--freeCount] : ++regs;
            _reg[i] = dst;
            s.Dst = dst;
        }
        _tapeLength = steps;
        _registerCount = regs;
        int outNode = program.Output;
        if (dep[outNode]) { _outputRegister = _reg[outNode]; }
        else { _outputRegister = -1; _outputConstNode = outNode; }
        _loadedCode = code;
        _loadedOutput = program.Output;
    }

    private int AddPool(int node)
    {
        for (int k = 0; k < _poolCount; k++) if (_poolNodes[k] == node) return k;
        if (_poolCount == _poolNodes.Length)
        {
            Array.Resize(ref _poolNodes, _poolCount * 2);
            Array.Resize(ref _pool, _poolCount * 2);
            Array.Resize(ref _poolLo, _poolCount * 2);
        }
        _poolNodes[_poolCount] = node;
        return _poolCount++;
    }

    private void GrowNodeScratch(int n)
    {
        int m = Math.Max(n, _dep.Length * 2);
        _nodeHi = new double[m]; _nodeLo = new double[m];
        _reg = new int[m]; _lastUse = new int[m]; _free = new int[m];
        _dep = new bool[m]; _live = new bool[m];
    }

    private void EnsureRegisters(bool lo)
    {
        // Register r (1-based) lives at r * stride; slot 0 is unused because register 0 is x.
        int need = _registerCount + 1;
        if (_regCapacity < need)
        {
            int cap = Math.Max(need, Math.Max(8, _regCapacity * 2));
            _regs = AllocAligned(ref _regsArr, cap * _stride);
            _regCapacity = cap;
        }
        if (lo && _regLoCapacity < need)
        {
            int cap = Math.Max(need, Math.Max(8, _regLoCapacity * 2));
            _regsLo = AllocAligned(ref _regsLoArr, cap * _stride);
            _regLoCapacity = cap;
        }
    }

    private void EnsureLoaded(Program program)
    {
        if (!ReferenceEquals(program.CodeArray, _loadedCode) || program.Output != _loadedOutput) Load(program);
    }

    /// <summary>Evaluates in double at all points. The span is valid until the next call on this evaluator.</summary>
    public ReadOnlySpan<double> Evaluate(Program program)
    {
        EnsureLoaded(program);
        return Run(program.Constants);
    }

    /// <summary>Evaluates in double-double at all points. Valid until the next call on this evaluator.</summary>
    public DoubleDoubleResult EvaluateDoubleDouble(Program program)
    {
        EnsureLoaded(program);
        return RunDoubleDouble(program.Constants);
    }

    /// <summary>Runs the loaded structure with the given constant vector, in double.</summary>
    public ReadOnlySpan<double> Run(ReadOnlySpan<double> constants)
    {
        if (_loadedCode is null) throw new InvalidOperationException("Load a program first");
        EnsureRegisters(lo: false);
        var code = _loadedCode;
        if (_poolCount > 0 || _outputRegister < 0)
        {
            // Constant-only subgraphs: once per call, scalar (x-dependent nodes get a throwaway value).
            Interpreter.Evaluate(code, constants, 0.0, _nodeHi.AsSpan(0, code.Length));
            for (int k = 0; k < _poolCount; k++) _pool[k] = _nodeHi[_poolNodes[k]];
        }
        if (_outputRegister < 0)
        {
            var result = new Span<double>(_regs + _stride, _n);
            result.Fill(_nodeHi[_outputConstNode]);
            return result;
        }
        if (_outputRegister == 0) return new ReadOnlySpan<double>(_x, _n);
        var tape = new ReadOnlySpan<TapeStep>(_tape, 0, _tapeLength);
        fixed (double* pool = _pool)
        {
            for (nint start = 0; start < _stride; start += Chunk)
            {
                nint end = Math.Min(start + Chunk, _stride);
                switch (_width)
                {
                    case SimdWidth.V512: TapeKernels.Run<Lanes512>(tape, _x, _regs, _stride, pool, start, end); break;
                    case SimdWidth.V256: TapeKernels.Run<Lanes256>(tape, _x, _regs, _stride, pool, start, end); break;
                    case SimdWidth.V128: TapeKernels.Run<Lanes128>(tape, _x, _regs, _stride, pool, start, end); break;
                    default: TapeKernels.Run<Lanes1>(tape, _x, _regs, _stride, pool, start, end); break;
                }
            }
        }
        return new ReadOnlySpan<double>(_regs + (nint)_outputRegister * _stride, _n);
    }

    /// <summary>Runs the loaded structure with the given constant vector, in double-double.</summary>
    public DoubleDoubleResult RunDoubleDouble(ReadOnlySpan<double> constants)
    {
        if (_loadedCode is null) throw new InvalidOperationException("Load a program first");
        EnsureRegisters(lo: true);
        var code = _loadedCode;
        if (_poolCount > 0 || _outputRegister < 0)
        {
            Interpreter.EvaluateDoubleDouble(code, constants, 0.0, _nodeHi.AsSpan(0, code.Length), _nodeLo.AsSpan(0, code.Length));
            for (int k = 0; k < _poolCount; k++) { _pool[k] = _nodeHi[_poolNodes[k]]; _poolLo[k] = _nodeLo[_poolNodes[k]]; }
        }
        if (_outputRegister < 0)
        {
            var hi = new Span<double>(_regs + _stride, _n);
            var lo = new Span<double>(_regsLo + _stride, _n);
            hi.Fill(_nodeHi[_outputConstNode]);
            lo.Fill(_nodeLo[_outputConstNode]);
            return new DoubleDoubleResult(hi, lo);
        }
        if (_outputRegister == 0) return new DoubleDoubleResult(new ReadOnlySpan<double>(_x, _n), new ReadOnlySpan<double>(_zeros, _n));
        var tape = new ReadOnlySpan<TapeStep>(_tape, 0, _tapeLength);
        fixed (double* poolH = _pool, poolL = _poolLo)
        {
            for (nint start = 0; start < _stride; start += Chunk)
            {
                nint end = Math.Min(start + Chunk, _stride);
                switch (_width)
                {
                    case SimdWidth.V512: TapeKernels.RunDD<Lanes512>(tape, _x, _zeros, _regs, _regsLo, _stride, poolH, poolL, start, end); break;
                    case SimdWidth.V256: TapeKernels.RunDD<Lanes256>(tape, _x, _zeros, _regs, _regsLo, _stride, poolH, poolL, start, end); break;
                    case SimdWidth.V128: TapeKernels.RunDD<Lanes128>(tape, _x, _zeros, _regs, _regsLo, _stride, poolH, poolL, start, end); break;
                    default: TapeKernels.RunDD<Lanes1>(tape, _x, _zeros, _regs, _regsLo, _stride, poolH, poolL, start, end); break;
                }
            }
        }
        nint off = (nint)_outputRegister * _stride;
        return new DoubleDoubleResult(new ReadOnlySpan<double>(_regs + off, _n), new ReadOnlySpan<double>(_regsLo + off, _n));
    }
}
