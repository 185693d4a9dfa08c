using System.Globalization;
using System.Text;
using System.Xml;
using Newsletter.Core.Media;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Editions;

/// <summary>An Atom 1.0 feed (RFC 4287) of published updates, newest first.</summary>
public static class AtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static string Write(IReadOnlyList<Update> updates, string root, string networkName, DateTimeOffset now)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            // The ids stay the first addresses the feed was published under (/api/...): an id never
            // changes, or readers would see every entry again. The links are today's addresses.
            xml.WriteElementString("id", Atom, $"{root}/api/feed.atom");
            xml.WriteElementString("title", Atom, networkName);
            xml.WriteElementString("updated", Atom, Timestamp(updates.Count > 0 ? updates.Max(u => u.CorrectedAt ?? u.PublishedAt ?? u.CreatedAt) : now));
            Link(xml, "self", $"{root}/feed.atom", "application/atom+xml");
            Link(xml, "alternate", $"{root}/archive", "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, networkName);
            xml.WriteEndElement();
            foreach (var update in updates)
            {
                var url = $"{root}/updates/{Uri.EscapeDataString(update.Id)}";
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"{root}/api/updates/{Uri.EscapeDataString(update.Id)}");
                xml.WriteElementString("title", Atom, update.Title);
                xml.WriteElementString("published", Atom, Timestamp(update.PublishedAt ?? update.CreatedAt));
                // A correction changes the entry: feed readers fetch it again when "updated" moves.
                xml.WriteElementString("updated", Atom, Timestamp(update.CorrectedAt ?? update.PublishedAt ?? update.CreatedAt));
                Link(xml, "alternate", url, "text/html");
                if (update.CanonicalUrl is { } original)
                {
                    Link(xml, "via", original, "text/html");
                }

                if (update.ShownImage is { } image)
                {
                    // The lead image as an enclosure (RFC 4287 4.2.7.2), the size pages and mail at 2x use.
                    Link(xml, "enclosure", root + MediaLibrary.PathOf(update.Id, image.Large), image.Large.ContentType, image.Large.Length);
                }

                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, update.Organisation);
                xml.WriteEndElement();
                foreach (var topic in update.Topics)
                {
                    xml.WriteStartElement("category", Atom);
                    xml.WriteAttributeString("term", topic);
                    xml.WriteEndElement();
                }

                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(update.Summary);
                xml.WriteEndElement();
                if (update.BodyHtml.Length > 0)
                {
                    // The body was sanitized at ingestion; as type="html" it is escaped text in the XML.
                    xml.WriteStartElement("content", Atom);
                    xml.WriteAttributeString("type", "html");
                    xml.WriteString(update.BodyHtml);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Link(XmlWriter xml, string rel, string href, string type, long? length = null)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("type", type);
        if (length is { } bytes)
        {
            xml.WriteAttributeString("length", bytes.ToString(CultureInfo.InvariantCulture));
        }

        xml.WriteEndElement();
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
