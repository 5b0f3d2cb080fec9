using System.Text;

namespace Live.Tools.Generator.Emitting;

/// <summary>A small indented text writer for generated C#.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();

    public int Indentation { get; set; }

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', Indentation * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes a block of lines (a raw string literal template), each at the current indentation.</summary>
    public SourceWriter Lines(string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        int count = lines.Length;
        if (count > 0 && lines[count - 1].Length == 0)
        {
            count--;
        }

        for (int i = 0; i < count; i++)
        {
            Line(lines[i]);
        }

        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        Indentation++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        Indentation--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _builder.ToString();
}
