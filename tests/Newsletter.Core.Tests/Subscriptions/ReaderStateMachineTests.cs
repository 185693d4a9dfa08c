using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

public class ReaderStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<ReaderState, ReaderState> Allowed => new()
    {
        { ReaderState.Pending, ReaderState.Active },
        { ReaderState.Pending, ReaderState.Unsubscribed },
        { ReaderState.Pending, ReaderState.Bounced },
        { ReaderState.Pending, ReaderState.Complained },
        { ReaderState.Pending, ReaderState.Erased },
        { ReaderState.Active, ReaderState.Unsubscribed },
        { ReaderState.Active, ReaderState.Bounced },
        { ReaderState.Active, ReaderState.Complained },
        { ReaderState.Active, ReaderState.Erased },
        { ReaderState.Unsubscribed, ReaderState.Pending },
        { ReaderState.Unsubscribed, ReaderState.Bounced },
        { ReaderState.Unsubscribed, ReaderState.Complained },
        { ReaderState.Unsubscribed, ReaderState.Erased },
        { ReaderState.Bounced, ReaderState.Erased },
        { ReaderState.Complained, ReaderState.Erased },
        { ReaderState.Erased, ReaderState.Pending },
    };

    public static TheoryData<ReaderState, ReaderState> Refused => new()
    {
        // Leaving and coming back always goes through pending: a new confirmation.
        { ReaderState.Unsubscribed, ReaderState.Active },
        { ReaderState.Erased, ReaderState.Active },
        // Suppressed addresses never come back through the form.
        { ReaderState.Bounced, ReaderState.Pending },
        { ReaderState.Bounced, ReaderState.Active },
        { ReaderState.Complained, ReaderState.Pending },
        { ReaderState.Complained, ReaderState.Active },
        { ReaderState.Active, ReaderState.Pending },
        { ReaderState.Active, ReaderState.Active },
        { ReaderState.Erased, ReaderState.Unsubscribed },
    };

    private static Reader InState(ReaderState state)
    {
        var reader = Reader.Restore(Reader.NewPending("0123456789abcdef0123456789abcdef", 1, T0).ToRecord() with { Address = "jane@example.org" });
        var path = state switch
        {
            ReaderState.Pending => [],
            ReaderState.Active => new[] { ReaderState.Active },
            ReaderState.Unsubscribed => [ReaderState.Active, ReaderState.Unsubscribed],
            ReaderState.Bounced => [ReaderState.Active, ReaderState.Bounced],
            ReaderState.Complained => [ReaderState.Active, ReaderState.Complained],
            ReaderState.Erased => [ReaderState.Erased],
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        foreach (var step in path)
        {
            reader.MoveTo(step, T0, "setup");
        }

        return reader;
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedMove_ChangesStateAndRecordsWhenAndWhy(ReaderState from, ReaderState to)
    {
        var reader = InState(from);
        var at = T0.AddHours(3);

        reader.MoveTo(to, at, "because");

        Assert.Equal(to, reader.State);
        Assert.Equal(at, reader.StateChangedAt);
        Assert.Equal(new StateChange(from, to, at, "because"), reader.History[^1]);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusedMove_Throws_AndChangesNothing(ReaderState from, ReaderState to)
    {
        var reader = InState(from);
        var history = reader.History.Count;

        var error = Assert.Throws<InvalidReaderTransitionException>(() => reader.MoveTo(to, T0.AddHours(1), "no"));

        Assert.Equal(from, error.From);
        Assert.Equal(from, reader.State);
        Assert.Equal(history, reader.History.Count);
    }

    [Fact]
    public void OnlyTheListedMovesAreAllowed()
    {
        var allowed = Allowed.Select(row => ((ReaderState)row[0], (ReaderState)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<ReaderState>())
        {
            foreach (var to in Enum.GetValues<ReaderState>())
            {
                Assert.True(allowed.Contains((from, to)) == ReaderStateMachine.CanMove(from, to), $"{from} -> {to}");
            }
        }
    }

    [Theory]
    [InlineData(ReaderState.Bounced)]
    [InlineData(ReaderState.Complained)]
    [InlineData(ReaderState.Unsubscribed)]
    [InlineData(ReaderState.Pending)]
    [InlineData(ReaderState.Erased)]
    public void OnlyActiveUnpausedReaders_AreMailable(ReaderState state)
    {
        Assert.False(InState(state).IsMailable);
        var active = InState(ReaderState.Active);
        Assert.True(active.IsMailable);
        active.ChangeChoices(active.Choices with { Paused = true });
        Assert.False(active.IsMailable);
    }

    [Fact]
    public void Erasing_RemovesEveryPersonalField_AndKeepsTheDatedHistory()
    {
        var reader = Reader.NewPending("0123456789abcdef0123456789abcdef", 1, T0);
        reader.SignUp("jane@example.org", new ReaderChoices("Jane", ["Research"], Frequency.Weekly), T0, new ConsentRecord(T0, "1", "2026-01", "abcd", "Mozilla"));
        reader.Confirm(T0, T0);

        reader.MoveTo(ReaderState.Erased, T0.AddDays(1), "erased on request");

        Assert.Null(reader.Address);
        Assert.Null(reader.Name);
        Assert.Empty(reader.Topics);
        Assert.Null(reader.Consent);
        Assert.Equal(ReaderState.Erased, reader.History[^1].To);
        Assert.Equal(T0.AddDays(1), reader.History[^1].At);
    }

    [Fact]
    public void BecomingPendingAgain_RestartsTheConfirmationClock()
    {
        var reader = InState(ReaderState.Unsubscribed);

        reader.MoveTo(ReaderState.Pending, T0.AddDays(2), "signed up again");

        Assert.Equal(T0.AddDays(2), reader.PendingSince);
    }

    [Fact]
    public void History_KeepsTheFirstEntryAndTheMostRecentOnes()
    {
        var reader = InState(ReaderState.Active);
        for (var i = 0; i < 100; i++)
        {
            reader.MoveTo(ReaderState.Unsubscribed, T0.AddMinutes(2 * i), "left");
            reader.MoveTo(ReaderState.Pending, T0.AddMinutes((2 * i) + 1), "back");
        }

        Assert.Equal(Reader.HistoryLimit, reader.History.Count);
        Assert.Equal("signed up", reader.History[0].Reason);
        Assert.Equal(T0.AddMinutes(199), reader.History[^1].At);
    }

    [Fact]
    public void ConfirmationMails_AreCountedPerHour()
    {
        var reader = InState(ReaderState.Pending);

        Assert.True(reader.TryCountConfirmationMail(T0, 2));
        Assert.True(reader.TryCountConfirmationMail(T0.AddMinutes(10), 2));
        Assert.False(reader.TryCountConfirmationMail(T0.AddMinutes(59), 2));
        Assert.True(reader.TryCountConfirmationMail(T0.AddMinutes(60), 2));
    }
}
