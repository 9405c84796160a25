package io.clipdeck.ui.explorer;

import io.clipdeck.explore.ObjectKind;
import io.clipdeck.explore.SchemaObject;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One node of the explorer's tree, without controls: a schema, a group ("Tables"), an object, or
 * one of a table's parts (a column, an index, a constraint, a trigger). Children of a schema or a
 * table are read when the node is first expanded ({@link ExplorerViewModel#expand}).
 */
public final class ExplorerNode {

  /** What the node stands for. */
  public enum Type {
    SCHEMA,
    GROUP,
    OBJECT,
    PART,
    NOTE
  }

  private final Type type;
  private final String label;
  private final String schema;
  private final SchemaObject object;
  private final ObservableList<ExplorerNode> children = FXCollections.observableArrayList();
  private boolean loaded;
  private boolean loading;

  private ExplorerNode(Type type, String label, String schema, SchemaObject object, boolean leaf) {
    this.type = type;
    this.label = label;
    this.schema = schema;
    this.object = object;
    this.loaded = leaf;
  }

  static ExplorerNode schema(String name) {
    return new ExplorerNode(Type.SCHEMA, name, name, null, false);
  }

  static ExplorerNode group(String label, String schema) {
    return new ExplorerNode(Type.GROUP, label, schema, null, true);
  }

  /** A schema-level object; tables and views are opened lazily, the rest are leaves. */
  static ExplorerNode object(SchemaObject object, String label) {
    boolean opens = object.kind().hasRows();
    return new ExplorerNode(Type.OBJECT, label, object.schema(), object, !opens);
  }

  static ExplorerNode part(String label, SchemaObject object, String schema) {
    return new ExplorerNode(Type.PART, label, schema, object, true);
  }

  static ExplorerNode note(String label) {
    return new ExplorerNode(Type.NOTE, label, null, null, true);
  }

  public Type type() {
    return type;
  }

  public String label() {
    return label;
  }

  /** The schema the node is in; null for a note. */
  public String schema() {
    return schema;
  }

  /** The catalog object (an object, an index/constraint/trigger part); null otherwise. */
  public SchemaObject object() {
    return object;
  }

  public boolean isTableLike() {
    return type == Type.OBJECT && object.kind().hasRows();
  }

  public boolean isKind(ObjectKind kind) {
    return object != null && object.kind() == kind;
  }

  /** Whether the node can have children (the tree shows an arrow before they are read). */
  public boolean isLeaf() {
    return loaded && children.isEmpty();
  }

  public boolean isLoaded() {
    return loaded;
  }

  boolean startLoading() {
    if (loaded || loading) {
      return false;
    }
    loading = true;
    return true;
  }

  void loaded(java.util.List<ExplorerNode> read) {
    loading = false;
    loaded = true;
    children.setAll(read);
  }

  void failed(String message) {
    loading = false;
    children.setAll(note(message));
  }

  public ObservableList<ExplorerNode> children() {
    return children;
  }

  @Override
  public String toString() {
    return label;
  }
}
