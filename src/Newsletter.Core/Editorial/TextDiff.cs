using DiffPlex;
using DiffPlex.Chunkers;

namespace Newsletter.Core.Editorial;

/// <summary>How a piece of text fared in an edit.</summary>
public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>One run of words of a diff.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>Word by word differences between the text before an edit and after it (DiffPlex), for the console to show.</summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffPiece> Words(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var pieces = new List<DiffPiece>();
        var b = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(pieces, DiffKind.Same, result.PiecesNew, b, block.InsertStartB - b);
            Add(pieces, DiffKind.Removed, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(pieces, DiffKind.Added, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            b = block.InsertStartB + block.InsertCountB;
        }

        Add(pieces, DiffKind.Same, result.PiecesNew, b, result.PiecesNew.Count - b);
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, DiffKind kind, IReadOnlyList<string> words, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var text = string.Concat(words.Skip(start).Take(count));
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
    }
}
