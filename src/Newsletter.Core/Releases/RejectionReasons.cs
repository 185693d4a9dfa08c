using System.Reflection;
using Newsletter.Core.Media;

namespace Newsletter.Core.Releases;

/// <summary>
/// Every rejection code in plain words for the people who send releases, with what to do about it: the API's status answers
/// carry it beside the code (<c>reason.help</c>) and the portal's help page lists it, so the two never say different things.
/// </summary>
public static class RejectionReasons
{
    private static readonly Dictionary<string, string> Plain = new(StringComparer.Ordinal)
    {
        [RejectionCodes.Empty] = "The file is empty. Send the release itself, not an empty document.",
        [RejectionCodes.Binary] = "The file is not text (a picture, a PDF or a program?). Send the release as .docx, .txt, .md, .html, .eml or .json.",
        [RejectionCodes.InvalidEncoding] = "The text is not saved as UTF-8. Save it again choosing UTF-8, or send a Word document.",
        [RejectionCodes.TooLarge] = "The file is over the size limit. Take pictures out of the document (add the lead image in the form) and send it again.",
        [RejectionCodes.UnsupportedFormat] = "The file is of a kind that is not read. Send .docx, .txt, .md, .html, .eml or .json (not PDF, not the old .doc).",
        [RejectionCodes.NoTitle] = "No title was found. Put the title on the first line, or give it Word's Title style or make it the first heading.",
        [RejectionCodes.NoBody] = "There is a title but no text under it.",
        [RejectionCodes.InvalidFrontMatter] = "The block between the --- lines at the top of the Markdown file cannot be read: close it with --- and write each line as name: value.",
        [RejectionCodes.InvalidDate] = "A date given as the release's date is not a real day (say 31 February). Write it as 2026-12-01 or 1 December 2026.",
        [RejectionCodes.MalformedMime] = "The e-mail cannot be read, or has no text. Send the release as an ordinary e-mail with its text in the message.",
        [RejectionCodes.InvalidJson] = "The JSON file cannot be read; the message says where. (JSON is for releases sent by software.)",
        [RejectionCodes.UnknownMember] = "The upload names no member of the network. Ask the network's editors which address to use.",
        [RejectionCodes.Unreadable] = "The file could not be read. Send it again; if that fails too, save it in another format.",
        [RejectionCodes.CorruptDocument] = "The Word document is damaged, or not a Word document. Open it in Word and save it again as .docx.",
        [RejectionCodes.EncryptedDocument] = "The Word document has a password, or is in the old .doc format. Remove the password and save it as .docx.",
        [RejectionCodes.RejectedByEditor] = "An editor of the network decided not to publish it; their reason is given with the release.",
        [RejectionCodes.TooDeeplyNested] = "The document's layout is nested too deeply to read (often a page copied from a web editor). Send the text as .docx or plain text.",
        [RejectionCodes.ParseTimeout] = "Reading the file took too long. Send a simpler version, as .docx or plain text.",
        [RejectionCodes.UnsafeName] = "The file's name cannot be stored safely. Rename it with plain letters and digits and send it again.",
        [RejectionCodes.NotReceived] = "The upload did not arrive whole, and nothing was kept. Send it again.",
        [RejectionCodes.InvalidEmbargo] = "The embargo cannot be read. Give a day, a time and a time zone, such as 2026-12-03 10:00 CET.",
        [RejectionCodes.EmbargoTooFar] = "The embargo is more than a year ahead, most likely a wrong year.",
        [RejectionCodes.EmbargoNonexistentTime] = "The embargo's time does not exist that day (the hour skipped when clocks go forward). Choose another time.",
        [RejectionCodes.EmbargoAmbiguousTime] = "The embargo's time occurs twice that day (the hour repeated when clocks go back). Say which one: the form offers both.",
        [RejectionCodes.Withdrawn] = "The release was withdrawn before it was published.",
        [ImageRejections.Empty] = "The image file is empty.",
        [ImageRejections.TooLarge] = "The image is over 10 MiB. Save it smaller (a 2400 px wide JPEG is plenty).",
        [ImageRejections.TooManyPixels] = "The image has more than 40 megapixels. Scale it down before sending it.",
        [ImageRejections.Shape] = "One side of the image is more than ten times the other. Send a picture, not a strip or a banner.",
        [ImageRejections.Svg] = "SVG drawings are not accepted (they can carry scripts). Send a JPEG, PNG, WebP or GIF.",
        [ImageRejections.UnsupportedFormat] = "The image is not a JPEG, PNG, WebP or GIF.",
        [ImageRejections.Damaged] = "The image file is broken or cut short. Export it again and send the whole file.",
        [ImageRejections.MissingDetails] = "The image needs a caption, a credit (who made it) and a licence before it is shown.",
    };

    /// <summary>The release's rejection codes, as <see cref="RejectionCodes"/> defines them, in its order.</summary>
    public static IReadOnlyList<string> ReleaseCodes { get; } = CodesOf(typeof(RejectionCodes));

    /// <summary>The image's codes: an image refused for one of these is left out, and the release goes on without it.</summary>
    public static IReadOnlyList<string> ImageCodes { get; } = CodesOf(typeof(ImageRejections));

    /// <summary>The code in plain words, with what to do; null for a code this system does not define.</summary>
    public static string? Of(string? code) => code is not null && Plain.TryGetValue(code, out var plain) ? plain : null;

    private static string[] CodesOf(Type codes) => codes.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();
}
