using System.Reflection;
using AutoNumerics.Codegen.Compilation;

namespace AutoNumerics.Codegen.Kernels;

/// <summary>
/// Finds a kernel method by name in a compiled assembly and wraps it as an <see cref="IFloatUnaryKernel"/>.
/// Names are "Namespace.Type.Method". A nested type may be written with '.' or with '+' (the reflection
/// spelling): "Ns.Outer.Inner.Eval" and "Ns.Outer+Inner.Eval" both work. A type in the global namespace is
/// "Type.Method". The method must be static, public or internal, non-generic, and have one of the two
/// signatures of <see cref="KernelForm"/>.
/// </summary>
public static class KernelMethodResolver
{
    private const string Expected = "expected 'static float M(float)' or 'static void M(ReadOnlySpan<float>, Span<float>)'";

    private const BindingFlags AllDeclared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    public static IFloatUnaryKernel Resolve(CompiledAssembly compiled, string qualifiedName, KernelForm? form = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        return Resolve(compiled.Assembly, qualifiedName, form);
    }

    /// <param name="form">Required only when the method has both a scalar and a span overload.</param>
    /// <exception cref="KernelResolutionException">The type or method is missing or unusable as a kernel.</exception>
    public static IFloatUnaryKernel Resolve(Assembly assembly, string qualifiedName, KernelForm? form = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(qualifiedName);

        int lastDot = qualifiedName.LastIndexOf('.');
        if (lastDot <= 0 || lastDot == qualifiedName.Length - 1)
            throw new KernelResolutionException($"Kernel name '{qualifiedName}' is not of the form Namespace.Type.Method.");
        string typeName = qualifiedName[..lastDot];
        string methodName = qualifiedName[(lastDot + 1)..];

        Type type = FindType(assembly, typeName)
            ?? throw new KernelResolutionException(TypeNotFoundMessage(assembly, typeName));
        string displayName = $"{CSharpTypeNames.FullName(type)}.{methodName}";

        List<MethodInfo> overloads = [.. type.GetMethods(AllDeclared).Where(m => m.Name == methodName)];
        if (overloads.Count == 0)
            throw new KernelResolutionException(MethodNotFoundMessage(type, methodName));

        var problems = new List<string>();
        var matches = new List<(MethodInfo Method, KernelForm Form)>();
        foreach (MethodInfo method in overloads)
        {
            string? problem = Classify(method, out KernelForm found);
            if (problem is not null)
                problems.Add(problem);
            else if (form is { } wanted && wanted != found)
                problems.Add($"is a {Describe(found)} kernel ('{CSharpTypeNames.Signature(method)}') but a {Describe(wanted)} kernel was requested");
            else
                matches.Add((method, found));
        }

        if (matches.Count == 1)
            return Create(matches[0].Method, matches[0].Form, type);
        if (matches.Count > 1)
            throw new KernelResolutionException(
                $"Kernel method '{displayName}' is ambiguous: it has both a scalar and a span overload; choose one ({nameof(KernelForm)}.Scalar or {nameof(KernelForm)}.Span).");
        if (overloads.Count == 1)
            throw new KernelResolutionException($"Kernel method '{displayName}' {problems[0]}.");
        throw new KernelResolutionException(
            $"None of the {overloads.Count} overloads of '{displayName}' is usable: {string.Join("; ", problems)}.");
    }

    /// <summary>Returns null when usable (and the form), otherwise why not, phrased to follow the method name.</summary>
    private static string? Classify(MethodInfo method, out KernelForm form)
    {
        form = default;
        string found = CSharpTypeNames.Signature(method);
        if (!method.IsStatic)
            return $"is not static (found '{found}'); kernels must be static methods";
        if (!(method.IsPublic || method.IsAssembly || method.IsFamilyOrAssembly))
            return $"is not accessible (found '{found}'); kernels must be public or internal";
        if (method.IsGenericMethodDefinition)
            return $"is generic (found '{found}'); {Expected}";
        if (method.DeclaringType is { ContainsGenericParameters: true } declaring)
            return $"is declared in the open generic type '{CSharpTypeNames.Of(declaring)}'; kernels must be in a non-generic type";

        ParameterInfo[] parameters = method.GetParameters();
        if (method.ReturnType == typeof(float) && parameters is [{ ParameterType: var p }] && p == typeof(float))
        {
            form = KernelForm.Scalar;
            return null;
        }
        if (method.ReturnType == typeof(void) && parameters is [{ ParameterType: var x }, { ParameterType: var y }]
            && x == typeof(ReadOnlySpan<float>) && y == typeof(Span<float>))
        {
            form = KernelForm.Span;
            return null;
        }
        return $"has the wrong signature: found '{found}', {Expected}";
    }

    private static IFloatUnaryKernel Create(MethodInfo method, KernelForm form, Type type)
    {
        string description = $"{Describe(form)} kernel {CSharpTypeNames.Of(method.ReturnType)} {CSharpTypeNames.FullName(type)}.{method.Name}" +
                             $"({string.Join(", ", method.GetParameters().Select(CSharpTypeNames.Of))})";
        return form == KernelForm.Scalar
            ? new ScalarFunctionPointerKernel(method, description)
            : new SpanDelegateKernel(method, description);
    }

    private static string Describe(KernelForm form) => form == KernelForm.Scalar ? "scalar" : "span";

    /// <summary>Tries the name as given, then with the last dots read as nesting ('+'), innermost first.</summary>
    private static Type? FindType(Assembly assembly, string typeName)
    {
        Type? type = assembly.GetType(typeName, throwOnError: false, ignoreCase: false);
        char[] chars = typeName.ToCharArray();
        for (int i = chars.Length - 1; type is null && i > 0; i--)
        {
            if (chars[i] != '.')
                continue;
            chars[i] = '+';
            type = assembly.GetType(new string(chars), throwOnError: false, ignoreCase: false);
        }
        return type;
    }

    private static string TypeNotFoundMessage(Assembly assembly, string typeName)
    {
        string wanted = typeName.Replace('+', '.');
        string simple = wanted[(wanted.LastIndexOf('.') + 1)..];
        List<string> all = [.. LoadableTypes(assembly)
            .Where(t => !t.Name.Contains('<'))  // compiler-generated helpers only add noise
            .Select(CSharpTypeNames.FullName)];

        List<string> close = [.. all
            .Where(name => name.EndsWith("." + simple, StringComparison.OrdinalIgnoreCase)
                           || string.Equals(name, simple, StringComparison.OrdinalIgnoreCase)
                           || EditDistance(name, wanted) <= Math.Max(2, wanted.Length / 5))
            .Take(5)];
        string hint = close.Count > 0
            ? $"; did you mean {string.Join(", ", close.Select(n => $"'{n}'"))}?"
            : all.Count > 0 ? $"; types in the assembly: {string.Join(", ", all.Take(8))}{(all.Count > 8 ? ", ..." : "")}" : "; the assembly defines no types";
        return $"Type '{wanted}' not found in compiled assembly '{assembly.GetName().Name}'{hint}";
    }

    private static string MethodNotFoundMessage(Type type, string methodName)
    {
        List<string> names = [.. type.GetMethods(AllDeclared)
            .Where(m => !m.IsSpecialName && !m.Name.Contains('<'))
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => EditDistance(n, methodName))
            .Take(8)];
        string hint = names.Count > 0 ? $"; methods there: {string.Join(", ", names)}" : "; it declares no methods";
        return $"Method '{methodName}' not found on type '{CSharpTypeNames.FullName(type)}'{hint}";
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    // Case-insensitive Levenshtein distance; names are short and the candidate lists small.
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
