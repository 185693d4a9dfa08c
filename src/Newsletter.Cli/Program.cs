using System.CommandLine;
using Newsletter.Cli.Commands;

var root = new RootCommand("NewsletterFunctions: run the system locally and operate it.")
{
    ServeCommand.Create(),
    ValidateCommand.Create(),
    MembersCommand.Create(),
    EditorsCommand.Create(),
    DemoCommand.Create(),
    DigestCommand.Create(),
    ImportCommand.Create(),
    ReadersCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
