using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Tools.Generator.Caching;

/// <summary>
/// The names one syntax tree can make other trees depend on, and the names it depends on, read from its syntax outside
/// method and accessor bodies (what a body says never reaches a tool's model): the input of <see cref="ModelCache"/>.
/// Computed once per tree object and kept as long as the tree lives; it holds no reference to the tree.
/// </summary>
/// <remarks>
/// Each set errs on the side that only costs a cache miss. <see cref="Declared"/> (what a changed tree may change for
/// other trees) takes every identifier that is not plainly a use of a name; <see cref="Referenced"/> (what lookups in
/// this tree may find elsewhere) takes every identifier that is not plainly the name of a member, parameter or type
/// parameter being declared, and keeps the names of the types declared here, which another tree's partial declaration
/// would merge with.
/// </remarks>
internal sealed class TreeNames
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeNames> s_trees = new();

    private TreeNames(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        SyntaxNode root = tree.GetRoot(cancellationToken);
        if (root is CompilationUnitSyntax unit)
        {
            // Global usings bind in every tree, and assembly or module attributes belong to the whole compilation.
            HasCompilationWideEffect = unit.AttributeLists.Count > 0;
            foreach (UsingDirectiveSyntax directive in unit.Usings)
            {
                HasCompilationWideEffect |= directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword);
            }

            // Top-level statements declare a Program class that no token names.
            foreach (MemberDeclarationSyntax member in unit.Members)
            {
                if (member is GlobalStatementSyntax)
                {
                    declared.Add("Program");
                    break;
                }
            }
        }

        // One pass from the root, carrying what the enclosing nodes imply (walking up from each token cost twice the parse).
        // An explicit stack: a constant's initializer can nest deeper than the call stack allows.
        var pending = new Stack<(SyntaxNode Node, Place Place)>();
        pending.Push((root, Place.Declarations));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (SyntaxNode node, Place place) = pending.Pop();
            if (place == Place.Declarations)
            {
                if (node is UsingDirectiveSyntax or ExternAliasDirectiveSyntax)
                {
                    // A using or an alias binds in this tree only (a global using made the whole tree compilation-wide).
                    place = Place.Lookups;
                }
                else if (node is BaseNamespaceDeclarationSyntax ns)
                {
                    namespaces.Add(QualifiedName(ns));
                }
            }

            foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
            {
                if (child.AsNode() is { } childNode)
                {
                    if (childNode is not (BlockSyntax or ArrowExpressionClauseSyntax))
                    {
                        pending.Push((childNode, place == Place.Declarations && node is BaseNamespaceDeclarationSyntax { Name: var name } && name == childNode ? Place.Lookups : place));
                    }

                    continue;
                }

                SyntaxToken token = child.AsToken();
                if (token.HasStructuredTrivia)
                {
                    foreach (SyntaxTrivia trivia in token.LeadingTrivia)
                    {
                        // A cref is bound where the comment is.
                        if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                        {
                            if (trivia.GetStructure() is { } structure)
                            {
                                pending.Push((structure, Place.Lookups));
                            }
                        }
                    }
                }

                if (!token.IsKind(SyntaxKind.IdentifierToken))
                {
                    continue;
                }

                string text = token.ValueText;
                if (place == Place.Lookups || node is SimpleNameSyntax)
                {
                    referenced.Add(text);
                    continue;
                }

                if (!IsMemberName(token, node))
                {
                    referenced.Add(text);
                }

                if (node is not ParameterSyntax || node.Parent?.Parent is TypeDeclarationSyntax)
                {
                    // A parameter is visible to other trees only as a record's (or primary constructor's) member.
                    Add(declared, text);
                }
            }
        }

        Declared = declared;
        Referenced = referenced;
        Namespaces = namespaces;
    }

    /// <summary>
    /// Whether this tree may change the meaning of any other tree (a global using, an assembly attribute): a change to it
    /// invalidates every model, and the names it looks up are dependencies of every model.
    /// </summary>
    public bool HasCompilationWideEffect { get; }

    /// <summary>The names this tree may declare for other trees: types, members, record parameters (also without an <c>Attribute</c> suffix).</summary>
    public HashSet<string> Declared { get; }

    /// <summary>The names looked up in this tree's declarations, attributes, constants and doc comments, and the types it declares.</summary>
    public HashSet<string> Referenced { get; }

    /// <summary>The full names of the namespaces this tree declares (<c>A.B</c> for <c>namespace A.B</c> and for <c>namespace B</c> inside <c>namespace A</c>).</summary>
    public HashSet<string> Namespaces { get; }

    /// <summary>The names of a tree, read once per tree object.</summary>
    public static TreeNames Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_trees.TryGetValue(tree, out TreeNames? names))
        {
            return names;
        }

        names = new TreeNames(tree, cancellationToken);
        return s_trees.GetValue(tree, _ => names);
    }

    /// <summary>Adds a declared name, and for <c>XAttribute</c> also <c>X</c> (how an attribute is written where it is used).</summary>
    private static void Add(HashSet<string> set, string name)
    {
        set.Add(name);
        if (name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal))
        {
            set.Add(name.Substring(0, name.Length - "Attribute".Length));
        }
    }

    /// <summary>The namespace's full name, with the names of the namespace declarations around it.</summary>
    private static string QualifiedName(BaseNamespaceDeclarationSyntax declaration)
    {
        var builder = new StringBuilder();
        for (SyntaxNode? node = declaration; node is not null; node = node.Parent)
        {
            if (node is BaseNamespaceDeclarationSyntax outer)
            {
                string name = string.Join(".", outer.Name.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
                builder.Insert(0, builder.Length == 0 ? name : name + ".");
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether the token is the name being declared by a member, a parameter or a type parameter (not a type).</summary>
    private static bool IsMemberName(SyntaxToken token, SyntaxNode? parent) => parent switch
    {
        MethodDeclarationSyntax method => method.Identifier == token,
        PropertyDeclarationSyntax property => property.Identifier == token,
        EventDeclarationSyntax @event => @event.Identifier == token,
        VariableDeclaratorSyntax variable => variable.Identifier == token,
        EnumMemberDeclarationSyntax member => member.Identifier == token,
        ParameterSyntax parameter => parameter.Identifier == token,
        TypeParameterSyntax typeParameter => typeParameter.Identifier == token,
        _ => false,
    };

    /// <summary>What the nodes around a token make of its identifiers.</summary>
    private enum Place
    {
        /// <summary>Declarations: a name may be declared here, or looked up.</summary>
        Declarations,

        /// <summary>Only lookups: a using directive, a namespace's name, a doc comment.</summary>
        Lookups,
    }
}
