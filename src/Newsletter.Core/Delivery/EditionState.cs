using Newsletter.Core.Editions;

namespace Newsletter.Core.Delivery;

/// <summary>Where an edition stands, as an operator reads it: from its composition and its dispatch.</summary>
public enum EditionState
{
    /// <summary>Nothing was published in its window.</summary>
    Empty,

    /// <summary>Composed, but no reader's topics match an update (or there was no reader): it goes to nobody.</summary>
    NothingToSend,

    /// <summary>Composed and held (<c>Digest:RequireApproval</c>): an editor sends or skips it.</summary>
    Held,

    /// <summary>Never sent: skipped by an editor or by the next edition; its updates went into the next edition.</summary>
    Skipped,

    /// <summary>Composed, its dispatch not started yet.</summary>
    Composed,

    /// <summary>Its dispatch is under way: recipients are pending.</summary>
    Sending,

    /// <summary>Every recipient's chunk is final.</summary>
    Sent,

    /// <summary>A bucket or merge was given up after its last attempt; <c>digest send</c> sends what is pending.</summary>
    Incomplete,
}

public static class EditionStates
{
    public static EditionState Of(Edition edition, DispatchStatus status)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(status);
        if (edition.Status == EditionStatus.Empty)
        {
            return EditionState.Empty;
        }

        if (edition.Approval == EditionApproval.Skipped)
        {
            return EditionState.Skipped;
        }

        if (!EditionDispatcher.HasContent(edition))
        {
            return EditionState.NothingToSend;
        }

        if (edition.Approval == EditionApproval.Held)
        {
            return EditionState.Held;
        }

        if (status.Incomplete && status.Pending > 0)
        {
            return EditionState.Incomplete;
        }

        if (status.AllPlanned && status.Pending == 0)
        {
            return EditionState.Sent;
        }

        return status.Started || status.Chunks > 0 || status.Pending > 0 || status.AllPlanned ? EditionState.Sending : EditionState.Composed;
    }

    public static string Label(EditionState state) => state switch
    {
        EditionState.Empty => "empty",
        EditionState.NothingToSend => "nothing to send",
        EditionState.Held => "held for approval",
        EditionState.Skipped => "skipped",
        EditionState.Composed => "composed, not sent yet",
        EditionState.Sending => "sending",
        EditionState.Sent => "sent",
        _ => "incomplete",
    };
}
