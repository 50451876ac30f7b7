from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'fact.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'fact.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_fact = resolve('fact')
    pass
    yield escape(environment.getattr((undefined(name='fact') if l_0_fact is missing else l_0_fact), 'label'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_fact = resolve('fact')
    l_0_illustrative = resolve('illustrative')
    l_0_rows = resolve('rows')
    l_0_numeric = resolve('numeric')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    yield '<h1>'
    yield escape(environment.getattr((undefined(name='fact') if l_0_fact is missing else l_0_fact), 'label'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='fact') if l_0_fact is missing else l_0_fact), 'description'):
        pass
        yield '<p class="lede">'
        yield escape(environment.getattr((undefined(name='fact') if l_0_fact is missing else l_0_fact), 'description'))
        yield '</p>'
    if (undefined(name='illustrative') if l_0_illustrative is missing else l_0_illustrative):
        pass
        yield '<p class="note">Values recorded with the illustrative coding are marked: check each against the law before citing it.</p>'
    if (undefined(name='rows') if l_0_rows is missing else l_0_rows):
        pass
        yield '<div class="table-scroll">\n<table class="data global sortable" id="global-table">\n  <caption>'
        yield escape(environment.getattr((undefined(name='fact') if l_0_fact is missing else l_0_fact), 'label'))
        if environment.getattr((undefined(name='fact') if l_0_fact is missing else l_0_fact), 'unit'):
            pass
            yield ' ('
            yield escape(environment.getattr((undefined(name='fact') if l_0_fact is missing else l_0_fact), 'unit'))
            yield ')'
        yield ': each value with the provisions it rests on</caption>\n  <thead><tr><th scope="col" data-type="text">Country</th><th scope="col" data-type="'
        yield escape(('num' if (undefined(name='numeric') if l_0_numeric is missing else l_0_numeric) else 'text'))
        yield '">Value</th><th scope="col" data-type="text">Scope</th><th scope="col" data-type="text">Provisions cited and note</th></tr></thead>\n  <tbody>\n'
        for l_1_r in (undefined(name='rows') if l_0_rows is missing else l_0_rows):
            _loop_vars = {}
            pass
            yield '    <tr><th scope="row" data-sort="'
            yield escape(environment.getattr(l_1_r, 'country'))
            yield '"><a href="'
            yield escape(environment.getattr(l_1_r, 'href'))
            yield '">'
            yield escape(environment.getattr(l_1_r, 'country'))
            yield '</a>'
            if environment.getattr(l_1_r, 'illustrative'):
                pass
                yield ' <span class="flag" title="Illustrative coding">illustrative</span>'
            yield '</th>\n      <td class="num" data-sort="'
            yield escape(environment.getattr(l_1_r, 'sort'))
            yield '">'
            yield escape(environment.getattr(l_1_r, 'value'))
            yield '</td><td>'
            yield escape(environment.getattr(l_1_r, 'scope'))
            yield '</td>\n      <td>'
            yield escape(t_1(context.eval_ctx, environment.getattr(l_1_r, 'evidence'), '; '))
            if environment.getattr(l_1_r, 'note'):
                pass
                yield '<p class="note">'
                yield escape(environment.getattr(l_1_r, 'note'))
                yield '</p>'
            yield '</td></tr>\n'
        l_1_r = missing
        yield '  </tbody>\n</table>\n</div>\n'
    else:
        pass
        yield '<p class="none">No jurisdiction records this fact yet.</p>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=12&2=17&3=28&4=47&5=49&6=54&7=57&10=60&11=67&13=69&14=73&15=83&16=89'

# Generated by `python3 -m legalreview.render.precompile` from templates/fact.html.j2: do not edit.
