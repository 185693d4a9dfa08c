using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>Elements in document order, each with the index of its parent in the same list (-1 for a child of the root).</summary>
internal sealed record ElementList(List<IElement> Elements, List<int> Parents);

/// <summary>
/// Parses member HTML within bounds and walks it in linear time. The HTML parser itself slows down
/// with the depth of its stack of open elements (20,000 nested divs took seconds, 60,000 tens of
/// seconds), so nesting past <see cref="MaxDepth"/> stops the parse as soon as it appears, and every
/// token checks the upload's time budget. Walks are iterative and visit each element once: a
/// selector query per element, or recursion, would make a deep or wide page quadratic or overflow the stack.
/// </summary>
internal static class HtmlTree
{
    /// <summary>The deepest element nesting accepted, counting &lt;html&gt; as 1. Real pages stay under 60.</summary>
    public const int MaxDepth = 256;

    public static IHtmlDocument Parse(string html, CancellationToken budget)
    {
        var guard = new NestingGuard(budget);
        var parser = new HtmlParser(new HtmlParserOptions
        {
            IsScripting = false,

            // Above our own limit, so the tree mirrors the parser's stack until the guard stops it.
            MaximumDepth = MaxDepth * 2,
            OnCreated = guard.Created,
            OnToken = guard.Token,
        });
        var document = parser.ParseDocument(html);
        CheckDepth(document, budget);
        return document;
    }

    /// <summary>Every element below <paramref name="root"/> in document order, each with the index of its parent (-1 for a child of the root).</summary>
    public static ElementList Descendants(INode root, CancellationToken budget)
    {
        var elements = new List<IElement>();
        var parents = new List<int>();
        var pending = new Stack<(IElement Element, int Parent)>();
        PushChildren(pending, root, -1);
        while (pending.TryPop(out var next))
        {
            if ((elements.Count & 1023) == 0)
            {
                budget.ThrowIfCancellationRequested();
            }

            elements.Add(next.Element);
            parents.Add(next.Parent);
            PushChildren(pending, next.Element, elements.Count - 1);
        }

        return new ElementList(elements, parents);
    }

    /// <summary>
    /// The markup inside <paramref name="root"/>, as <c>InnerHtml</c> gives it, written in one iterative pass: AngleSharp's
    /// own serializer looks each node up among its siblings, which took seconds for a list of 100,000 items.
    /// </summary>
    public static string InnerHtml(IElement root, CancellationToken budget)
    {
        var formatter = HtmlMarkupFormatter.Instance;
        var html = new StringBuilder();
        var pending = new Stack<(INode Node, bool Close)>();
        PushAll(pending, root);
        var written = 0;
        while (pending.TryPop(out var next))
        {
            if ((++written & 1023) == 0)
            {
                budget.ThrowIfCancellationRequested();
            }

            switch (next.Node)
            {
                case IElement element when next.Close:
                    html.Append(formatter.CloseTag(element, false));
                    break;
                case IElement element:
                    html.Append(formatter.OpenTag(element, false));
                    if (VoidElements.Contains(element.LocalName))
                    {
                        break;
                    }

                    // As the HTML serializer does: a newline opening a pre would otherwise be eaten when read back.
                    if (element.LocalName is "pre" or "textarea" or "listing" && element.FirstChild is IText { Data: ['\n', ..] })
                    {
                        html.Append('\n');
                    }

                    pending.Push((element, true));
                    PushAll(pending, element);
                    break;
                case IText text:
                    html.Append(formatter.Text(text));
                    break;
                case IComment comment:
                    html.Append(formatter.Comment(comment));
                    break;
            }
        }

        return html.ToString();
    }

    private static readonly HashSet<string> VoidElements =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "param"];

    private static void PushAll(Stack<(INode, bool)> pending, INode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            pending.Push((children[i], false));
        }
    }

    private static void PushChildren(Stack<(IElement, int)> pending, INode node, int index)
    {
        // Indexed from the end: NextSibling looks its node up in the parent's list, which is quadratic on a wide page.
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            if (children[i] is IElement element)
            {
                pending.Push((element, index));
            }
        }
    }

    private static void CheckDepth(IDocument document, CancellationToken budget)
    {
        var (elements, parents) = Descendants(document, budget);
        var depths = new int[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            depths[i] = parents[i] < 0 ? 1 : depths[parents[i]] + 1;
            if (depths[i] > MaxDepth)
            {
                throw TooDeep();
            }
        }
    }

    internal static RejectionException TooDeep() => new(RejectionCodes.TooDeeplyNested,
        $"The markup is nested more than {MaxDepth} levels deep; no release needs that. Flatten the page (or the e-mail's HTML) and upload it again.");

    /// <summary>
    /// Watches the parse as it goes: the depth of each element once it is attached (known when the next one is
    /// created), from its parent's depth, so each check costs O(1); and the time budget at every token.
    /// </summary>
    private sealed class NestingGuard(CancellationToken budget)
    {
        private readonly Dictionary<INode, int> _depths = new(ReferenceEqualityComparer.Instance);
        private readonly List<INode> _path = [];
        private IElement? _last;

        public void Token(AngleSharp.Html.Parser.Tokens.HtmlToken token, AngleSharp.Text.TextRange range) => budget.ThrowIfCancellationRequested();

        public void Created(IElement element, AngleSharp.Text.TextPosition position)
        {
            if (_last is not null && DepthOf(_last) > MaxDepth)
            {
                throw TooDeep();
            }

            _last = element;
        }

        private int DepthOf(INode node)
        {
            // Up to the nearest node whose depth is known (usually the parent), then down again, caching each.
            var depth = 0;
            _path.Clear();
            for (var current = node; current is IElement && !_depths.TryGetValue(current, out depth); current = current.Parent)
            {
                _path.Add(current);
            }

            for (var i = _path.Count - 1; i >= 0; i--)
            {
                _depths[_path[i]] = ++depth;
            }

            return depth;
        }
    }
}
