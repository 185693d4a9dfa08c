namespace Newsletter.Cli.Commands;

/// <summary>How a command words an error for the operator.</summary>
internal static class CliErrors
{
    /// <summary>An exception's message without the " (Parameter 'id')" that an ArgumentException appends: a .NET detail, not the operator's concern.</summary>
    public static string Plain(Exception ex) =>
        ex is ArgumentException { ParamName: { } param } ? ex.Message.Replace($" (Parameter '{param}')", string.Empty, StringComparison.Ordinal) : ex.Message;
}
