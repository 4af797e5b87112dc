namespace AutoNumerics.Codegen.Kernels;

/// <summary>The named kernel method could not be found or used; the message is one line naming the problem.</summary>
public sealed class KernelResolutionException(string message) : Exception(message);
