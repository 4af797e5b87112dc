using AutoNumerics.Codegen.Compilation;

namespace AutoNumerics.Codegen.Tests;

internal static class Compilers
{
    // One compiler for all tests: its platform references are cached, so later compilations are cheap.
    public static readonly InMemoryCompiler Default = new();
}
