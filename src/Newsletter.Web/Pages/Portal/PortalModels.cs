using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Web.Shared;

namespace Newsletter.Web.Pages.Portal;

/// <summary>What every portal page shows around its content: whose portal, who is signed in, the form token.</summary>
public sealed record PortalFrame(string MemberId, string MemberName, string Address, bool IsAdmin, string AntiForgeryToken);

public sealed record DashboardModel(PortalFrame Frame, PortalReleasePage Recent, long MaxUploadBytes, Rejection? Rejection = null, string? RejectedFile = null,
    string? RejectedReleaseId = null);

/// <summary>
/// The release form. <paramref name="KeptImage"/>: the image an earlier preview of the draft kept (used unless another is chosen);
/// <paramref name="ImageLost"/>: an image was chosen but the form came back, and a browser cannot keep a chosen file.
/// </summary>
public sealed record ReleaseFormModel(PortalFrame Frame, ReleaseForm Form, IReadOnlyList<string> Topics, IReadOnlyList<FieldProblem> Problems,
    Rejection? Rejection = null, string? DraftId = null, string? RejectedReleaseId = null, DraftImage? KeptImage = null, bool ImageLost = false)
{
    public string? ErrorOf(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;
}

public sealed record PreviewModel(PortalFrame Frame, DraftPreview Preview, bool AutoPublish, Rejection? SubmitRefusal = null);

public sealed record ReleasesModel(PortalFrame Frame, PortalReleasePage Page);

/// <summary>One release; <paramref name="ImageForm"/>: the details typed for its candidate image when they came back refused.</summary>
public sealed record ReleaseModel(PortalFrame Frame, PortalReleaseDetail Detail, string? Message = null, bool IsProblem = false, CandidateImageForm? ImageForm = null);

public sealed record NotificationsModel(PortalFrame Frame, NoticeSettings Settings, bool Saved = false);

public sealed record AdminModel(PortalFrame Frame, MemberAdministration Administration, AccountChange? Change = null);

/// <summary>The help page, with the upload limit in force.</summary>
public sealed record HelpModel(PortalFrame Frame, long MaxUploadBytes);

/// <summary>The portal's addresses, relative to the site root (every page and redirect uses these).</summary>
public static class PortalPaths
{
    public const string Home = "/portal";
    public const string Submit = "/portal/submit";
    public const string Preview = "/portal/preview";
    public const string Releases = "/portal/releases";
    public const string Notifications = "/portal/notifications";
    public const string Admin = "/portal/admin";
    public const string Help = "/portal/help";
    public const string RenderText = "/portal/markdown";
    public const string LivePreviewScript = "/portal/live-preview.js";

    public static string Draft(string draftId) => $"/portal/drafts/{Uri.EscapeDataString(draftId)}";

    public static string Edit(string draftId) => $"{Submit}?draft={Uri.EscapeDataString(draftId)}";

    public static string Release(string releaseId) => $"{Releases}/{Uri.EscapeDataString(releaseId)}";

    public static string List(PortalStatus? status, int page)
    {
        var query = new List<string>();
        if (status is { } s)
        {
            query.Add("status=" + PortalStatuses.Name(s));
        }

        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? Releases : Releases + "?" + string.Join('&', query);
    }
}

/// <summary>The page an invitation link opens (a button that accepts by POST), and the answer to the button.</summary>
public sealed record JoinModel(InvitationCheck Check, string? Token = null);
