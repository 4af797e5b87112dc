namespace AutoNumerics.Cli;

/// <summary>Bad input from the user: printed as one line "error: ..." with a non-zero exit, never a stack trace.</summary>
public sealed class UserInputException(string message) : Exception(message);
