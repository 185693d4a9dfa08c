using System.CommandLine;
using Newsletter.Cli.Commands;

var root = new RootCommand("NewsletterFunctions: run the system locally and operate it.")
{
    ServeCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
