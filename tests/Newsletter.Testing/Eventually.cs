namespace Newsletter.Testing;

/// <summary>Waits for something that happens in the background (a trigger firing) with a deadline, never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string? what = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what ?? "The awaited condition"} did not happen within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string? what = null) =>
        ValueAsync<object>(async () => await probe() ? new object() : null, timeout, what);
}
