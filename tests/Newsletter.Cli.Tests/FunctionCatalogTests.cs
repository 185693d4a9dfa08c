using Newsletter.Cli.Hosting;

namespace Newsletter.Cli.Tests;

public class FunctionCatalogTests
{
    [Fact]
    public void EveryNonHttpFunction_HasAWebJobsAdapterWithTheSameTrigger()
    {
        Assert.Empty(FunctionCatalog.Drift());
    }

    [Fact]
    public void Adapters_MatchTheFunctions_OneForOne()
    {
        var functions = FunctionCatalog.WorkerFunctions().Where(f => f.Kind != TriggerKind.Http)
            .Select(f => (f.Name, f.Kind, f.Binding, f.Connection));
        var adapters = FunctionCatalog.WebJobsAdapters().Select(a => (a.Name, a.Kind, a.Binding, a.Connection));

        Assert.Equal(functions, adapters);
    }

    [Fact]
    public void Catalog_KnowsEveryTriggerKindTheAppUses()
    {
        var kinds = FunctionCatalog.WorkerFunctions().Select(f => f.Kind).ToHashSet();

        Assert.Contains(TriggerKind.Http, kinds);
        Assert.Contains(TriggerKind.Timer, kinds);
        Assert.Contains(TriggerKind.Blob, kinds);
        Assert.Contains(TriggerKind.Queue, kinds);
    }
}
