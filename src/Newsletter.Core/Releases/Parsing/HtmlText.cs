using System.Text;
using AngleSharp.Dom;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>Turns sanitized HTML into plain-text paragraphs: one per block, list items marked, white space folded.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "table", "tr", "hr",
        "dl", "dt", "dd", "section", "article", "main", "body", "caption",
    };

    public static List<string> Paragraphs(INode root)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, current, paragraphs);
        Flush(current, paragraphs);
        return paragraphs;
    }

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    current.Append(text.Data);
                    break;
                case IElement element when element.LocalName == "br":
                    current.Append(' ');
                    break;
                case IElement element when BlockNames.Contains(element.LocalName):
                    Flush(current, paragraphs);
                    if (element.LocalName == "li")
                    {
                        current.Append("- ");
                    }

                    Walk(element, current, paragraphs);
                    Flush(current, paragraphs);
                    break;
                case IElement element when element.LocalName is "td" or "th":
                    Walk(element, current, paragraphs);
                    current.Append(' ');
                    break;
                case IElement element:
                    Walk(element, current, paragraphs);
                    break;
            }
        }
    }

    private static void Flush(StringBuilder current, List<string> paragraphs)
    {
        var text = TextCleaner.Collapse(current.ToString());
        current.Clear();
        if (text.Length > 0 && text != "-")
        {
            paragraphs.Add(text);
        }
    }
}
