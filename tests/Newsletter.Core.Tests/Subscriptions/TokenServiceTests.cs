using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

public class TokenServiceTests
{
    private const string Reader = "0123456789abcdef0123456789abcdef";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private TokenService Service(string keys, string active = "") =>
        new(Options.Create(new TokenOptions { Keys = keys, ActiveKeyId = active }), _time);

    private static string Tamper(string token, int part, Func<string, string> change)
    {
        var parts = token.Split('.');
        parts[part] = change(parts[part]);
        return string.Join('.', parts);
    }

    [Fact]
    public void ValidToken_GivesBackItsClaims()
    {
        var tokens = Service($"a:{TestWorld.KeyA}");

        var check = tokens.Verify(tokens.Issue(TokenPurpose.Unsubscribe, Reader), TokenPurpose.Unsubscribe);

        Assert.True(check.IsValid);
        Assert.Equal(Reader, check.Claims!.Subject);
        Assert.Equal(_time.GetUtcNow(), check.Claims.IssuedAt);
        Assert.Null(check.Claims.ExpiresAt);
    }

    [Fact]
    public void Token_DoesNotContainTheSubjectInAnyReadableForm_ExceptItsBase64()
    {
        var token = Service($"a:{TestWorld.KeyA}").Issue(TokenPurpose.Confirm, Reader, TimeSpan.FromDays(7));

        Assert.StartsWith("a.", token, StringComparison.Ordinal);
        Assert.DoesNotContain("@", token, StringComparison.Ordinal);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"'{c}' is not URL-safe"));
    }

    [Fact]
    public void ChangedPayload_IsRefused()
    {
        var tokens = Service($"a:{TestWorld.KeyA}");
        var token = tokens.Issue(TokenPurpose.Preferences, Reader);
        var other = Tamper(token, 1, p => System.Buffers.Text.Base64Url.EncodeToString(
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(p)).Replace(Reader, "ffffffffffffffffffffffffffffffff", StringComparison.Ordinal))));

        Assert.Equal(TokenFailure.BadSignature, tokens.Verify(other, TokenPurpose.Preferences).Failure);
    }

    [Fact]
    public void ChangedSignature_IsRefused()
    {
        var tokens = Service($"a:{TestWorld.KeyA}");
        var token = tokens.Issue(TokenPurpose.Preferences, Reader);
        var flipped = Tamper(token, 2, s => (s[0] == 'A' ? 'B' : 'A') + s[1..]);

        Assert.Equal(TokenFailure.BadSignature, tokens.Verify(flipped, TokenPurpose.Preferences).Failure);
    }

    [Theory]
    [InlineData(null, TokenFailure.Missing)]
    [InlineData("", TokenFailure.Missing)]
    [InlineData("abc", TokenFailure.Malformed)]
    [InlineData("a.b.c.d", TokenFailure.Malformed)]
    [InlineData("zz.eA.eA", TokenFailure.UnknownKey)]
    [InlineData("a.!!!.eA", TokenFailure.Malformed)]
    public void Garbage_IsRefusedWithTheReason(string? token, TokenFailure expected)
    {
        Assert.Equal(expected, Service($"a:{TestWorld.KeyA}").Verify(token, TokenPurpose.Unsubscribe).Failure);
    }

    [Theory]
    [InlineData(1, " ")]
    [InlineData(2, " ")]
    [InlineData(2, "\t")]
    [InlineData(2, "\n")]
    [InlineData(1, "=")]
    public void TokenWithWhitespaceOrPaddingInserted_IsRefused(int part, string inserted)
    {
        var tokens = Service($"a:{TestWorld.KeyA}");
        var token = tokens.Issue(TokenPurpose.Preferences, Reader);

        // What a link with %20 (or %09, %0A, %3D) slipped into its token arrives as.
        var spaced = Tamper(token, part, p => p[..10] + inserted + p[10..]);

        Assert.Equal(TokenFailure.Malformed, tokens.Verify(spaced, TokenPurpose.Preferences).Failure);
        Assert.True(tokens.Verify(token, TokenPurpose.Preferences).IsValid);
    }

    [Fact]
    public void SignatureWithOtherUnusedTrailingBits_IsRefused()
    {
        var tokens = Service($"a:{TestWorld.KeyA}");
        var token = tokens.Issue(TokenPurpose.Unsubscribe, Reader);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        // 32 bytes take 43 characters: the last one carries two bits no byte uses.
        var respelled = Tamper(token, 2, p => p[..^1] + Alphabet[Alphabet.IndexOf(p[^1], StringComparison.Ordinal) ^ 1]);

        Assert.Equal(TokenFailure.Malformed, tokens.Verify(respelled, TokenPurpose.Unsubscribe).Failure);
    }

    [Fact]
    public void TokenOfAnotherPurpose_IsRefused()
    {
        var tokens = Service($"a:{TestWorld.KeyA}");
        var confirm = tokens.Issue(TokenPurpose.Confirm, Reader, TimeSpan.FromDays(7));

        Assert.Equal(TokenFailure.WrongPurpose, tokens.Verify(confirm, TokenPurpose.Unsubscribe).Failure);
        Assert.Equal(TokenFailure.WrongPurpose, tokens.Verify(confirm, TokenPurpose.Preferences).Failure);
        Assert.True(tokens.Verify(confirm, TokenPurpose.Confirm).IsValid);
    }

    [Fact]
    public void ConfirmToken_ExpiresAfterItsLifetime()
    {
        var tokens = Service($"a:{TestWorld.KeyA}");
        var token = tokens.Issue(TokenPurpose.Confirm, Reader, TimeSpan.FromDays(7));

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.True(tokens.Verify(token, TokenPurpose.Confirm).IsValid);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenFailure.Expired, tokens.Verify(token, TokenPurpose.Confirm).Failure);
    }

    [Fact]
    public void UnsubscribeToken_KeepsWorkingYearsLater()
    {
        var tokens = Service($"a:{TestWorld.KeyA}");
        var token = tokens.Issue(TokenPurpose.Unsubscribe, Reader);

        _time.Advance(TimeSpan.FromDays(3 * 365));

        Assert.True(tokens.Verify(token, TokenPurpose.Unsubscribe).IsValid);
    }

    [Fact]
    public void RotatedKey_OldTokensVerifyWhileTheOldKeyIsListed_NewOnesUseTheActiveKey()
    {
        var before = Service($"old:{TestWorld.KeyA}");
        var oldToken = before.Issue(TokenPurpose.Unsubscribe, Reader);

        var rotated = Service($"new:{TestWorld.KeyB},old:{TestWorld.KeyA}", active: "new");
        var newToken = rotated.Issue(TokenPurpose.Unsubscribe, Reader);

        Assert.True(rotated.Verify(oldToken, TokenPurpose.Unsubscribe).IsValid);
        Assert.StartsWith("new.", newToken, StringComparison.Ordinal);
        Assert.Equal(TokenFailure.UnknownKey, before.Verify(newToken, TokenPurpose.Unsubscribe).Failure);

        var retired = Service($"new:{TestWorld.KeyB}");
        Assert.Equal(TokenFailure.UnknownKey, retired.Verify(oldToken, TokenPurpose.Unsubscribe).Failure);
    }

    [Fact]
    public void SameKeyIdWithAnotherSecret_RefusesTheToken()
    {
        var token = Service($"k:{TestWorld.KeyA}").Issue(TokenPurpose.Unsubscribe, Reader);

        Assert.Equal(TokenFailure.BadSignature, Service($"k:{TestWorld.KeyB}").Verify(token, TokenPurpose.Unsubscribe).Failure);
    }

    [Theory]
    [InlineData("", "no key given")]
    [InlineData("nocolon", "id:base64")]
    [InlineData("a:c2hvcnQ=", "at least 32")]
    [InlineData("a:not base64!", "at least 32")]
    public void BadKeyConfiguration_IsRefusedWithAReason(string keys, string reason)
    {
        var options = new TokenOptions { Keys = keys };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.Contains(results, r => r.ErrorMessage!.Contains(reason, StringComparison.Ordinal) || (keys.Length == 0 && r.ErrorMessage!.Contains("Tokens:Keys is not set", StringComparison.Ordinal)));
        Assert.Throws<OptionsValidationException>(() => Service(keys));
    }

    [Fact]
    public void ActiveKeyId_MustBeAListedKey()
    {
        var options = new TokenOptions { Keys = $"a:{TestWorld.KeyA}", ActiveKeyId = "b" };

        Assert.Contains("not one of the ids", Assert.Single(options.Validate(new(options))).ErrorMessage, StringComparison.Ordinal);
    }
}
