namespace Newsletter.Core;

/// <summary>
/// How the queues hand work over, wherever they run: a message is given to its function at most
/// <see cref="MaxAttempts"/> times, then it goes to the poison queue. The local host configures its queues
/// from here; host.json's <c>extensions.queues.maxDequeueCount</c> says the same for Azure (a test holds the two together).
/// </summary>
public static class QueueDelivery
{
    public const int MaxAttempts = 5;
}
