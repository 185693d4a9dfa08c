namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// Every container, queue and table the system uses. The Bicep template creates the same set;
/// a test holds the two together.
/// </summary>
public static class StorageNames
{
    /// <summary>The name of the setting (or setting prefix) that locates the storage account.</summary>
    public const string Connection = "NewsletterStorage";

    public static class Containers
    {
        public const string Incoming = "incoming";
        public const string Quarantine = "quarantine";
        public const string Archive = "archive";
        public const string Updates = "updates";
        public const string Templates = "templates";
        public const string Editions = "editions";

        /// <summary>The member portal's drafts (their content: a dropped file can be larger than a table row).</summary>
        public const string Portal = "portal";

        /// <summary>Updates' images, private: the app serves them at <c>/media/...</c> to whoever may see the update.</summary>
        public const string Media = "media";

        /// <summary>Readers CSV files imported from the console, each beside its run's state (<c>{id}/file.csv</c>, <c>{id}/run.json</c>).</summary>
        public const string ReaderImports = "reader-imports";

        public static IReadOnlyList<string> All { get; } = [Incoming, Quarantine, Archive, Updates, Templates, Editions, Portal, Media, ReaderImports];
    }

    public static class Queues
    {
        /// <summary>Mails of the subscription flow waiting to be composed and sent (<c>SendMail</c>).</summary>
        public const string Mail = "mail";
        public const string Dispatch = "dispatch";

        /// <summary>Dispatch messages given up after their last attempt (<c>DispatchPoisoned</c> marks the edition incomplete).</summary>
        public const string DispatchPoison = "dispatch-poison";

        /// <summary>Accepted signup posts waiting for the state machine (<c>ProcessSignup</c>).</summary>
        public const string Signups = "signups";

        /// <summary>Sign-in requests waiting for their mail (<c>SendSignInMail</c>).</summary>
        public const string SignInMail = "signin-mail";

        /// <summary>Console imports of readers waiting to run (<c>ImportReaders</c>).</summary>
        public const string ReaderImports = "reader-imports";

        /// <summary>Release mails to members' contacts waiting to be sent (<c>SendReleaseNotice</c>).</summary>
        public const string ReleaseNotices = "release-notices";

        public static IReadOnlyList<string> All { get; } = [Mail, Dispatch, DispatchPoison, Signups, SignInMail, ReaderImports, ReleaseNotices];
    }

    public static class Tables
    {
        public const string Heartbeats = "heartbeats";
        public const string Members = "members";
        public const string Releases = "releases";
        public const string Updates = "updates";
        public const string Readers = "readers";
        public const string Editions = "editions";
        public const string Ledger = "ledger";

        /// <summary>Provider webhook events already applied (by <c>sg_event_id</c>).</summary>
        public const string Feedback = "feedback";

        /// <summary>Editors and member contacts: who may sign in, with which roles.</summary>
        public const string People = "people";

        /// <summary>Sign-in requests: hashed link secrets and codes.</summary>
        public const string SignInAttempts = "signinattempts";

        /// <summary>Every completed sign-in: who, when, how, hashed client address.</summary>
        public const string SignInLog = "signinlog";

        /// <summary>Server-side session records, under the hash of the cookie secret.</summary>
        public const string Sessions = "sessions";

        /// <summary>Every editorial and administrative action of the console: who, when, what changed.</summary>
        public const string Audit = "audit";

        /// <summary>The member portal: drafts, submitters, change requests, administrators' changes, contacts' mail choices.</summary>
        public const string Portal = "portal";

        /// <summary>The editors' review-waiting mails: what the last one covered, which went out, who turned them off.</summary>
        public const string Reminders = "reminders";

        public static IReadOnlyList<string> All { get; } = [Heartbeats, Members, Releases, Updates, Readers, Editions, Ledger, Feedback, People, SignInAttempts, SignInLog, Sessions, Audit, Portal, Reminders];
    }
}
