using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Live.Tools.Generator.Model;

/// <summary>An immutable array compared by its elements, so models holding it stay equatable for incremental caching.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    public EquatableArray(T[] items)
    {
        _items = items;
    }

    public static EquatableArray<T> Empty => new(Array.Empty<T>());

    public int Count => _items?.Length ?? 0;

    public bool IsEmpty => Count == 0;

    public T this[int index] => _items![index];

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public bool Equals(EquatableArray<T> other)
    {
        T[] mine = _items ?? Array.Empty<T>();
        T[] theirs = other._items ?? Array.Empty<T>();
        if (mine.Length != theirs.Length)
        {
            return false;
        }

        for (int i = 0; i < mine.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(mine[i], theirs[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        if (_items is not null)
        {
            foreach (T item in _items)
            {
                hash = unchecked((hash * 31) + (item is null ? 0 : item.GetHashCode()));
            }
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Creates <see cref="EquatableArray{T}"/> values.</summary>
internal static class EquatableArray
{
    public static EquatableArray<T> From<T>(IEnumerable<T> items)
        where T : IEquatable<T> => new(items is T[] array ? array : items is List<T> list ? list.ToArray() : new List<T>(items).ToArray());

    public static EquatableArray<T> From<T>(ImmutableArray<T> items)
        where T : IEquatable<T> => new(items.IsDefault ? Array.Empty<T>() : System.Linq.Enumerable.ToArray(items));
}
