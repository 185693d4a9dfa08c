namespace Newsletter.Core;

/// <summary>
/// Someone else wrote the record first (a reader, member or update changed between our read and our write;
/// a dispatch chunk another dispatcher formed): read again and decide again, or retry the message.
/// Every store throws this one type for a lost optimistic-concurrency race.
/// </summary>
public sealed class ConflictException(string message, Exception? inner = null) : Exception(message, inner);
