using Microsoft.AspNetCore.Components;

namespace Newsletter.Web;

/// <summary>A page or mail body: everything it shows arrives in one typed model.</summary>
public abstract class PageBase<TModel> : ComponentBase
{
    [Parameter, EditorRequired]
    public TModel Model { get; set; } = default!;
}
