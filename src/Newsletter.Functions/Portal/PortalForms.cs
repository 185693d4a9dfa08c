using Microsoft.AspNetCore.Http;
using Newsletter.Core.Portal;

namespace Newsletter.Functions.Portal;

/// <summary>Reads the portal's posted forms into Core's types (values as typed; Core checks them).</summary>
public static class PortalForms
{
    public static ReleaseForm ReadRelease(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var contacts = new List<PressContact>();
        for (var i = 0; i < ReleaseFormWriter.MaxContacts; i++)
        {
            contacts.Add(new PressContact(Field(form, $"contact{i}-name"), Field(form, $"contact{i}-email"), Field(form, $"contact{i}-phone")));
        }

        return new ReleaseForm
        {
            Title = Field(form, "title"),
            Date = Field(form, "date"),
            Summary = Field(form, "summary"),
            Body = Field(form, "body"),
            Topics = form["topics"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Take(50).ToArray(),
            CanonicalUrl = Field(form, "url"),
            Contacts = contacts,
            EmbargoDate = Field(form, "embargo-date"),
            EmbargoTime = Field(form, "embargo-time"),
            EmbargoZone = Field(form, "embargo-zone"),
            EmbargoFold = Field(form, "embargo-fold"),
            ImageCaption = Field(form, "image-caption"),
            ImageCredit = Field(form, "image-credit"),
            ImageLicence = Field(form, "image-licence"),
            ImageAlt = Field(form, "image-alt"),
            RemoveImage = Field(form, "remove-image") == "true",
        };
    }

    /// <summary>The image file chosen in the form, or null when none was.</summary>
    public static IFormFile? Image(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Files.GetFile("image") is { FileName.Length: > 0 } file ? file : null;
    }

    public static string Field(IFormCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form[name].FirstOrDefault() ?? string.Empty;
    }
}
