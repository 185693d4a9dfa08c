using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>Reader ids and buckets from canonical addresses.</summary>
public class ReaderIdentityTests
{
    [Fact]
    public void ReaderIdentity_GivesOneIdPerCanonicalAddress_AndABucketBelow64()
    {
        var world = new TestWorld();

        var a = world.Identity.For(EmailAddress.Parse("A@Example.org"));
        var b = world.Identity.For(EmailAddress.Parse("a@example.org "));
        var c = world.Identity.For(EmailAddress.Parse("b@example.org"));

        Assert.Equal(a, b);
        Assert.NotEqual(a.Id, c.Id);
        Assert.InRange(a.Bucket, 0, 63);
        Assert.True(ReaderKey.TryParse(a.Id, out var parsed));
        Assert.Equal(a.Bucket, parsed.Bucket);
    }

    [Fact]
    public void Buckets_SpreadReadersEvenly()
    {
        var world = new TestWorld();

        var counts = Enumerable.Range(0, 6400).Select(i => world.Identity.For(EmailAddress.Parse($"reader{i}@example.org")).Bucket)
            .GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(64, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 50, 150));
    }
}
