using System.Reflection;

namespace AutoNumerics.Codegen.Kernels;

/// <summary>C#-style names for messages ("ReadOnlySpan&lt;float&gt;", not "ReadOnlySpan`1[System.Single]").</summary>
internal static class CSharpTypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
        [typeof(char)] = "char", [typeof(string)] = "string", [typeof(object)] = "object",
    };

    public static string Of(Type type)
    {
        if (Keywords.TryGetValue(type, out string? keyword))
            return keyword;
        if (type.IsByRef)
            return Of(type.GetElementType()!);
        if (type.IsArray)
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (type.IsPointer)
            return Of(type.GetElementType()!) + "*";
        if (type.IsGenericType)
        {
            string name = type.Name;
            int tick = name.IndexOf('`');
            if (tick >= 0)
                name = name[..tick];
            return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Of)) + ">";
        }
        return type.Name;
    }

    public static string Of(ParameterInfo parameter)
    {
        string name = Of(parameter.ParameterType);
        if (!parameter.ParameterType.IsByRef)
            return name;
        if (parameter.IsOut)
            return "out " + name;
        bool readOnly = parameter.GetCustomAttributes(false).Any(a => a.GetType().FullName == "System.Runtime.CompilerServices.IsReadOnlyAttribute");
        return (readOnly ? "in " : "ref ") + name;
    }

    /// <summary>"static float Eval(float)" — what a user would have written.</summary>
    public static string Signature(MethodInfo method) =>
        (method.IsStatic ? "static " : "") + Of(method.ReturnType) + " " + method.Name +
        "(" + string.Join(", ", method.GetParameters().Select(Of)) + ")";

    /// <summary>Full name with '.' for nesting, as it is written in C#.</summary>
    public static string FullName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');
}
