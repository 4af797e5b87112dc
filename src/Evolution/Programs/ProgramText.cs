using System.Globalization;
using System.Text;

namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// The straight-line text form used in pareto.csv and reports:
/// <c>t1 = x * 0.5; t2 = t1 + 1; t3 = fma(t2, x, -0.25); return t3</c>.
/// Operands are x, earlier temporaries or literals printed with the shortest round-trip ("R") format, so parsing
/// gives back bit-identical constants. Every arithmetic instruction becomes one temporary (t1, t2, ... in order);
/// Const and Input instructions are printed inline at each use. Statements are separated by ';' (newlines are also
/// accepted when parsing).
/// </summary>
public static class ProgramText
{
    /// <summary>
    /// Prints the program. With <paramref name="foldConstants"/>, constant-only subexpressions are printed as their
    /// double value (their statements vanish); the text then evaluates identically in double but re-parses into a
    /// program with fewer constants.
    /// </summary>
    public static string Format(Program program, bool foldConstants = false)
    {
        if (foldConstants) program = program.FoldConstants();
        var code = program.Instructions;
        var consts = program.Constants;
        var names = new string[code.Length];
        var sb = new StringBuilder();
        int t = 0;
        for (int i = 0; i < code.Length; i++)
        {
            var ins = code[i];
            switch (ins.Op)
            {
                case OpCode.Input: names[i] = "x"; continue;
                case OpCode.Const: names[i] = Literal(consts[ins.In1]); continue;
            }
            names[i] = "t" + (++t).ToString(CultureInfo.InvariantCulture);
            sb.Append(names[i]).Append(" = ");
            if (ins.Op == OpCode.Fma)
                sb.Append("fma(").Append(names[ins.In1]).Append(", ").Append(names[ins.In2]).Append(", ").Append(names[ins.In3]).Append(')');
            else
                sb.Append(names[ins.In1]).Append(' ').Append(ins.Op.Symbol()).Append(' ').Append(names[ins.In2]);
            sb.Append("; ");
        }
        sb.Append("return ").Append(names[program.Output]);
        return sb.ToString();
    }

    /// <summary>Shortest text that parses back to the same double (including -0).</summary>
    public static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses the text form. Each literal occurrence becomes its own Const instruction (and constant slot) placed
    /// just before its first use; x becomes one Input instruction. Unused statements are kept (dead code) so
    /// <c>Format(Parse(s)) == s</c> for printed text. Throws <see cref="FormatException"/> naming the problem.
    /// </summary>
    public static Program Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var code = new List<Instruction>();
        var consts = new List<double>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        int inputIndex = -1;
        int? output = null;
        var statements = text.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var stmt in statements)
        {
            if (output is not null) throw new FormatException($"statement after return: '{stmt}'");
            var lx = new Lexer(stmt);
            var first = lx.Next();
            if (first.Kind == TokKind.Ident && first.Text == "return")
            {
                output = Operand(ref lx, lx.Next(), code, consts, names, ref inputIndex, stmt);
                lx.ExpectEnd(stmt);
                continue;
            }
            if (first.Kind != TokKind.Ident || first.Text == "x" || first.Text == "fma")
                throw new FormatException($"expected 'name = ...' or 'return ...' in '{stmt}'");
            if (names.ContainsKey(first.Text)) throw new FormatException($"'{first.Text}' is assigned twice");
            lx.Expect(TokKind.Assign, stmt);
            var tok = lx.Next();
            Instruction ins;
            if (tok.Kind == TokKind.Ident && tok.Text == "fma")
            {
                lx.Expect(TokKind.LParen, stmt);
                int a = Operand(ref lx, lx.Next(), code, consts, names, ref inputIndex, stmt);
                lx.Expect(TokKind.Comma, stmt);
                int b = Operand(ref lx, lx.Next(), code, consts, names, ref inputIndex, stmt);
                lx.Expect(TokKind.Comma, stmt);
                int c = Operand(ref lx, lx.Next(), code, consts, names, ref inputIndex, stmt);
                lx.Expect(TokKind.RParen, stmt);
                ins = Instruction.Fma(a, b, c);
            }
            else
            {
                int a = Operand(ref lx, tok, code, consts, names, ref inputIndex, stmt);
                var opTok = lx.Next();
                OpCode op = opTok.Kind switch
                {
                    TokKind.Plus => OpCode.Add,
                    TokKind.Minus => OpCode.Sub,
                    TokKind.Star => OpCode.Mul,
                    TokKind.Slash => OpCode.Div,
                    _ => throw new FormatException($"expected + - * / in '{stmt}'"),
                };
                int b = Operand(ref lx, lx.Next(), code, consts, names, ref inputIndex, stmt);
                ins = Instruction.Binary(op, a, b);
            }
            lx.ExpectEnd(stmt);
            names[first.Text] = code.Count;
            code.Add(ins);
        }
        if (output is null) throw new FormatException("missing 'return'");
        var p = new Program([.. code], [.. consts], output.Value);
        if (!p.TryValidate(out var error)) throw new FormatException(error);
        return p;
    }

    private static int Operand(ref Lexer lx, Token tok, List<Instruction> code, List<double> consts,
        Dictionary<string, int> names, ref int inputIndex, string stmt)
    {
        switch (tok.Kind)
        {
            case TokKind.Number:
                consts.Add(tok.Value);
                code.Add(Instruction.Const(consts.Count - 1));
                return code.Count - 1;
            case TokKind.Ident when tok.Text == "x":
                if (inputIndex < 0) { inputIndex = code.Count; code.Add(Instruction.Input()); }
                return inputIndex;
            case TokKind.Ident when names.TryGetValue(tok.Text, out int idx):
                return idx;
            case TokKind.Ident:
                throw new FormatException($"'{tok.Text}' is used before it is assigned in '{stmt}'");
            default:
                throw new FormatException($"expected an operand (x, a temporary or a number) in '{stmt}'");
        }
    }

    private enum TokKind { End, Ident, Number, Assign, Plus, Minus, Star, Slash, LParen, RParen, Comma }

    private readonly record struct Token(TokKind Kind, string Text = "", double Value = 0);

    private ref struct Lexer(string s)
    {
        private readonly string _s = s;
        private int _pos;
        private TokKind _prev = TokKind.Assign; // a sign at the start is unary
        private bool _prevReturn;                 // ... and after 'return'

        public void Expect(TokKind kind, string stmt)
        {
            if (Next().Kind != kind) throw new FormatException($"expected {kind} in '{stmt}'");
        }

        public void ExpectEnd(string stmt)
        {
            if (Next().Kind != TokKind.End) throw new FormatException($"unexpected text at the end of '{stmt}'");
        }

        public Token Next()
        {
            while (_pos < _s.Length && char.IsWhiteSpace(_s[_pos])) _pos++;
            var t = Scan();
            _prev = t.Kind;
            _prevReturn = t.Kind == TokKind.Ident && t.Text == "return";
            return t;
        }

        private Token Scan()
        {
            if (_pos >= _s.Length) return new(TokKind.End);
            char c = _s[_pos];
            // A sign is part of a number literal when an operand is expected (after '=', an operator, '(' or ',').
            bool operandExpected = _prevReturn || _prev is TokKind.Assign or TokKind.Plus or TokKind.Minus or TokKind.Star or TokKind.Slash
                or TokKind.LParen or TokKind.Comma;
            if (char.IsDigit(c) || c == '.' || ((c == '-' || c == '+') && operandExpected && _pos + 1 < _s.Length
                    && (char.IsDigit(_s[_pos + 1]) || _s[_pos + 1] == '.' || char.IsLetter(_s[_pos + 1]) && IsSpecial(_pos + 1))))
                return ScanNumber();
            if (char.IsLetter(c) || c == '_')
            {
                int start = _pos;
                while (_pos < _s.Length && (char.IsLetterOrDigit(_s[_pos]) || _s[_pos] == '_')) _pos++;
                string id = _s[start.._pos];
                if (id is "Infinity" or "NaN")
                    return new(TokKind.Number, id, double.Parse(id, CultureInfo.InvariantCulture));
                return new(TokKind.Ident, id);
            }
            _pos++;
            return c switch
            {
                '=' => new(TokKind.Assign),
                '+' => new(TokKind.Plus),
                '-' => new(TokKind.Minus),
                '*' => new(TokKind.Star),
                '/' => new(TokKind.Slash),
                '(' => new(TokKind.LParen),
                ')' => new(TokKind.RParen),
                ',' => new(TokKind.Comma),
                _ => throw new FormatException($"unexpected character '{c}' in '{_s}'"),
            };
        }

        private readonly bool IsSpecial(int at) => string.CompareOrdinal(_s, at, "Infinity", 0, 8) == 0 || string.CompareOrdinal(_s, at, "NaN", 0, 3) == 0;

        private Token ScanNumber()
        {
            int start = _pos;
            if (_s[_pos] is '-' or '+') _pos++;
            if (_pos < _s.Length && char.IsLetter(_s[_pos]))
            {
                while (_pos < _s.Length && char.IsLetter(_s[_pos])) _pos++;
            }
            else
            {
                while (_pos < _s.Length && (char.IsDigit(_s[_pos]) || _s[_pos] == '.')) _pos++;
                if (_pos < _s.Length && (_s[_pos] is 'e' or 'E'))
                {
                    _pos++;
                    if (_pos < _s.Length && (_s[_pos] is '-' or '+')) _pos++;
                    while (_pos < _s.Length && char.IsDigit(_s[_pos])) _pos++;
                }
            }
            string text = _s[start.._pos];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new FormatException($"bad number '{text}' in '{_s}'");
            return new(TokKind.Number, text, v);
        }
    }
}
